import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import csafSchema from '../../../schemas/csaf/csaf_json_schema.json' with { type: 'json' };
import cvss20 from '../../../schemas/csaf/cvss-v2.0.json' with { type: 'json' };
import cvss30 from '../../../schemas/csaf/cvss-v3.0.json' with { type: 'json' };
import cvss31 from '../../../schemas/csaf/cvss-v3.1.json' with { type: 'json' };
import { LagebildError } from '../../../core/errors.js';

type ValidateFunction = ReturnType<Ajv2020['compile']>;

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `default` is the plugin.
const addFormats = ajvFormats.default;

let compiled: ValidateFunction | undefined;

/** Compiled once, on first use: the schema is large and every export needs it. */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  // strict off: the official schema uses keywords (e.g. `examples` inside `$comment`-ed parts) that Ajv's strict mode rejects.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  // The CSAF schema refers to the CVSS schemas by these URLs; the shipped copies carry a dated query in their own $id.
  ajv.addSchema(cvss20, 'https://www.first.org/cvss/cvss-v2.0.json');
  ajv.addSchema(cvss30, 'https://www.first.org/cvss/cvss-v3.0.json');
  ajv.addSchema(cvss31, 'https://www.first.org/cvss/cvss-v3.1.json');
  compiled = ajv.compile(csafSchema);
  return compiled;
}

export interface CsafProblem {
  path: string;
  message: string;
}

/** Every problem the official CSAF 2.0 schema finds; empty when the document is valid. */
export function csafProblems(document: unknown): CsafProblem[] {
  const validate = validator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => ({ path: error.instancePath || '/', message: error.message ?? error.keyword }));
}

/** An export that does not validate is a bug in Lagebild, never something to hand to a recipient. */
export function assertValidCsaf(document: unknown): void {
  const problems = csafProblems(document);
  if (problems.length > 0) throw new LagebildError('csaf_invalid', 'the CSAF document does not validate against the CSAF 2.0 schema', { status: 500, details: problems });
}
