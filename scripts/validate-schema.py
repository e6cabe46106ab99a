"""Validates every example spec against the committed JSON Schema, and checks that the schema
the CLI prints today is the committed one. An independent check that the schema and the
reader agree: the reader accepts every example, so the schema must too."""
import glob
import json
import subprocess
import sys

import jsonschema
import yaml


class TextDates(yaml.SafeLoader):
    """YAML as the spec reader sees it: dates stay text, as the schema describes them."""


TextDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

committed = json.load(open("docs/schema/role-v1.json"))
printed = json.loads(subprocess.run([sys.argv[1], "schema", "role"], check=True, capture_output=True, text=True).stdout)
if printed != committed:
    sys.exit("docs/schema/role-v1.json is out of date: run `wagefile schema role > docs/schema/role-v1.json`")
jsonschema.Draft202012Validator.check_schema(committed)
validator = jsonschema.Draft202012Validator(committed)
failures = 0
for path in sorted(glob.glob("examples/*.yaml")):
    errors = list(validator.iter_errors(yaml.load(open(path), Loader=TextDates)))
    for error in errors:
        print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    failures += len(errors)
print(f"schema: {len(glob.glob('examples/*.yaml'))} examples checked, {failures} problems")
sys.exit(1 if failures else 0)
