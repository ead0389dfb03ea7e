export type { Node } from './ast.js';
export { CONTEXTUAL, type CompiledFormula, compileFormula, type FormulaEnvironment } from './compile.js';
export type { RunContext } from './compiled.js';
export { FormulaError, type FormulaErrorCode, type Position } from './errors.js';
export type { FormulaPurpose } from './functions/function-def.js';
export { FUNCTIONS } from './functions/registry.js';
export { parse } from './parser.js';
export { type FormulaReferences, formulaReferences } from './references.js';
export type { FormulaType, ResultType } from './types.js';
