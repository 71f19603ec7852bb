// In-process apps under test log through pino at LOG_LEVEL; keep test output to warnings and
// errors unless a developer asks for more (LOG_LEVEL=info npm test).
process.env.LOG_LEVEL ??= 'warn';
