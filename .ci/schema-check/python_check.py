"""Loads isnad's published schemas with Python's `jsonschema` (Draft 2020-12),
checks each against the metaschema, and validates instance files.

usage: python_check.py SCHEMA.json... [-- NAME=INSTANCE.jsonl ...]
"""
import json
import os
import sys

from jsonschema import Draft202012Validator

args = sys.argv[1:]
split = args.index("--") if "--" in args else len(args)
validators = {}
for path in args[:split]:
    schema = json.load(open(path, encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validators[os.path.basename(path)[:-5]] = Draft202012Validator(schema)
failed = 0
for pair in args[split + 1:]:
    name, path = pair.split("=", 1)
    for line in open(path, encoding="utf-8"):
        if line.strip():
            for err in validators[name].iter_errors(json.loads(line)):
                print(f"{path}: {err.message}", file=sys.stderr)
                failed += 1
print(f"python jsonschema: checked {len(validators)} schemas, {failed} failures")
sys.exit(1 if failed else 0)
