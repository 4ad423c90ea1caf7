// Prototype pollution through the event object stays inside the sandbox.
// expect: {"ok":true,"value":"polluted inside"}
export async function main(event) {
  event.__proto__.polluted = 'yes';
  event.constructor.prototype.isAdmin = true;
  Object.prototype.toString = () => 'hacked';
  Array.prototype.push = () => 0;
  return {}.isAdmin === true ? 'polluted inside' : 'not polluted';
}
