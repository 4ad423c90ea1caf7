// Prototype pollution through the event object stays inside the sandbox.
// expect: {"ok":true,"value":"polluted inside"}
export async function main(event) {
  // biome-ignore lint/suspicious/noProto: the attack this file tries is exactly this
  event.__proto__.polluted = 'yes';
  event.constructor.prototype.isAdmin = true;
  Object.prototype.toString = () => 'hacked';
  Array.prototype.push = () => 0;
  return {}.isAdmin === true ? 'polluted inside' : 'not polluted';
}
