/**
 * Native standard-library modules, registered with every interpreter (created lazily on import).
 */
import type { Interpreter } from '../interpreter.ts';
import { makeSys, makeOs, makeOsPath, makeMath, makeString, makeTyping, makeFuture, makeKeyword, makeWarnings, makeTypes, makeAbc, makeTime } from './basic.ts';

export function registerStdlib(interp: Interpreter): void {
  interp.registerNativeModule('sys', makeSys);
  interp.registerNativeModule('os', makeOs);
  interp.registerNativeModule('os.path', makeOsPath);
  interp.registerNativeModule('math', makeMath);
  interp.registerNativeModule('string', makeString);
  interp.registerNativeModule('typing', makeTyping);
  interp.registerNativeModule('__future__', makeFuture);
  interp.registerNativeModule('keyword', makeKeyword);
  interp.registerNativeModule('warnings', makeWarnings);
  interp.registerNativeModule('types', makeTypes);
  interp.registerNativeModule('abc', makeAbc);
  interp.registerNativeModule('time', makeTime);
}
