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
export {
  PyDate,
  PyDatetime,
  PyTime,
  PyTimedelta,
  PyTimezone,
  UTC,
  makeDate,
  makeDatetime,
  makeTime,
  makeTimedelta,
  makeTimezone,
  datetimeFromDate,
  strftime,
  dateClass,
  datetimeClass,
  timeClass,
  timedeltaClass,
  timezoneClass,
  tzinfoClass,
} from './stdlib/datetime.ts';
export {
  PyDecimal,
  makeDecimal,
  decimalFromString,
  decimalFromInt,
  decimalFromFloat,
  quantizeDec,
  addDec,
  mulDec,
  divDec,
  compareDec,
  decimalToBigInt,
  decimalToNumber,
  getContext,
  decimalClass,
  InvalidOperation,
  type Rounding,
} from './stdlib/decimal.ts';
export { PyUUID, uuidClass, uuidFromHex, uuidFromBytes, uuid4From } from './stdlib/uuid.ts';
export { PyPath, makePath, pathClass, posixPathClass, purePathClass } from './stdlib/pathlib.ts';
export { jsonDumps, jsonLoads, JSONDecodeError } from './stdlib/json.ts';
export { enumClass, enumTypeClass, intEnumClass, strEnumClass, PyEnumMember, PyEnumBoxed } from './stdlib/enum.ts';
