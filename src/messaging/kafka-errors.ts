/** Kafka protocol error codes after which re-sending the same message can never succeed (Kafka protocol guide). */
const PERMANENT_ERROR_TYPES = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_REQUIRED_ACKS',
  'UNSUPPORTED_COMPRESSION_TYPE',
]);

interface KafkaJsErrorShape {
  type?: string;
  name?: string;
  message?: string;
  cause?: unknown;
  originalError?: unknown;
}

/** The protocol error types in an error and the errors it wraps (kafkajs nests them in retry errors). */
function errorTypes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 5) return [];
  const shape = error as KafkaJsErrorShape;
  return [
    ...(shape.type ? [shape.type] : []),
    ...errorTypes(shape.originalError, depth + 1),
    ...errorTypes(shape.cause, depth + 1),
  ];
}

/** True when the broker refused a message for good (too large, invalid): retrying it would block the queue forever. */
export function isPermanentlyRefused(error: unknown): boolean {
  return errorTypes(error).some((type) => PERMANENT_ERROR_TYPES.has(type));
}

/** A short, log-safe description: the kafkajs error name, protocol type and message. */
export function describeKafkaError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const types = errorTypes(error);
  return `${error.name}${types.length > 0 ? ` [${types.join(', ')}]` : ''}: ${error.message}`;
}
