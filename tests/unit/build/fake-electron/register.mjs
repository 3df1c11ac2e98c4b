// `node --import <this file> main.js`: resolves `electron` to the stand-in beside this file.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
