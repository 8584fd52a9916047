/**
 * The values the server uses from vscode-languageserver, imported in one place. The bundler wraps a
 * CommonJS library in a copy of its exports for every module that imports it (a getter per export,
 * ~400 for this library), which every start paid eight times; importing from here makes one copy.
 * Types still come from the library itself: they cost nothing at run time.
 */
export {
  AbstractMessageWriter,
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DiagnosticTag,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
