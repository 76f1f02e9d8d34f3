/**
 * The Python front end: parser, interpreter, object model and standard library.
 */
export * from './objects.ts';
export { Interpreter, Frame, callableName, type InterpreterOptions } from './interpreter.ts';
export { formatException, formatFrames, formatExceptionOnly } from './traceback.ts';
export { parseModule, parseExpression, makeSyntaxError, type SyntaxErrorInfo } from './parser.ts';
export { PyFunction, Cell, type ModuleContext } from './functions.ts';
export type { ModuleSource } from './modules.ts';
export { createClass, superClass, PySuper } from './classes.ts';
export { PyBoxed, unbox } from './types/core.ts';
export { GenericAlias } from './types/alias.ts';
export { formatValue, percentFormat, strFormat } from './formatting.ts';
export { binaryOp, unaryOp, compare, compareOrder, getItem, setItem, delItem, contains } from './operators.ts';
export type * as ast from './ast.ts';
