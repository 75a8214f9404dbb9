/** `plenary schema`: the JSON Schema of scenario files (or of roster files). */
import { rosterJsonSchema, scenarioJsonSchema } from '../../scenario/schema';

export function schemaCommand(kind: 'scenario' | 'roster' = 'scenario'): string {
  return `${JSON.stringify(kind === 'roster' ? rosterJsonSchema() : scenarioJsonSchema(), null, 2)}\n`;
}
