/**
 * The values the engine uses from the `yaml` library, imported in one place: the bundler wraps a
 * CommonJS library in a copy of its exports for every module that imports it, which every start of
 * the server and the CLI paid ten times (see lsp/languageServer.ts). Types still come from `yaml`.
 */
export { Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, Pair, parse, parseAllDocuments, parseDocument, Scalar, stringify, YAMLMap, YAMLSeq } from 'yaml';
