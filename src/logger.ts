import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths that may carry secrets; pino replaces them before a line is written. */
const redactedPaths = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'mongodbUri',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.mongodbUri',
  'headers.authorization',
  '*.headers.authorization',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } });
}
