// Plain-JS functions use the capabilities as globals, without importing the SDK.
import { cms, db, env, fetch, log, storage } from './sdk';

Object.assign(globalThis, { db, storage, cms, fetch, env, log });
