// Compiles every schema given on the command line with Ajv's 2020-12 class in
// strict mode (unknown keywords and formats throw), then validates each JSON
// instance given after `--` against the schema named by its $id pairing:
//   node ajv-check.mjs schemas/*.json [-- SCHEMA_NAME=INSTANCE.json ...]
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const args = process.argv.slice(2);
const split = args.indexOf("--");
const schemaFiles = split < 0 ? args : args.slice(0, split);
const instances = split < 0 ? [] : args.slice(split + 1);

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = new Map();
for (const file of schemaFiles) {
  const schema = JSON.parse(readFileSync(file, "utf8"));
  validators.set(basename(file, ".json"), ajv.compile(schema));
}
let failed = 0;
for (const pair of instances) {
  const [name, file] = pair.split("=");
  const validate = validators.get(name);
  if (!validate) { console.error(`no schema ${name}`); failed++; continue; }
  for (const line of readFileSync(file, "utf8").split("\n").filter((l) => l.trim())) {
    if (!validate(JSON.parse(line))) { console.error(`${file}: ${ajv.errorsText(validate.errors)}`); failed++; }
  }
}
console.log(`ajv: compiled ${validators.size} schemas, checked ${instances.length} instance files, ${failed} failures`);
process.exit(failed ? 1 : 0);
