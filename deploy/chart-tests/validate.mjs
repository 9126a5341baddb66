#!/usr/bin/env node
// Validates every object of a rendered multi-document manifest against the Kubernetes API schemas
// (kubernetes-models, Kubernetes 1.27), the prometheus-operator CRDs and cert-manager's Certificate.
//
//   node validate.mjs rendered.yaml      (or "-" / nothing for standard input)
//
// Prints one line per object ("ok Deployment/x" or "FAIL Deployment/x: <path> <message>") and a summary
// "validated N objects: N passed, N failed"; exits 1 when any object fails (including an object of an
// apiVersion/kind this script does not know, and a document that is not valid YAML), 2 on bad usage.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// The API groups the chart may render; anything else is an error, not a silent pass.
const groups = {
  v1: () => import("kubernetes-models/v1"),
  "apps/v1": () => import("kubernetes-models/apps/v1"),
  "policy/v1": () => import("kubernetes-models/policy/v1"),
  "autoscaling/v2": () => import("kubernetes-models/autoscaling/v2"),
  "networking.k8s.io/v1": () => import("kubernetes-models/networking.k8s.io/v1"),
  "monitoring.coreos.com/v1": () => import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1"),
  "cert-manager.io/v1": () => import("@kubernetes-models/cert-manager/cert-manager.io/v1"),
};

function describe(object) {
  const name = object?.metadata?.name ?? "<no name>";
  return `${object?.kind ?? "<no kind>"}/${name}`;
}

async function modelFor(object) {
  const load = groups[object.apiVersion];
  if (!load) {
    throw new Error(`unknown apiVersion ${JSON.stringify(object.apiVersion)} (known: ${Object.keys(groups).join(", ")})`);
  }
  const module = await load();
  const model = Object.prototype.hasOwnProperty.call(module, object.kind) ? module[object.kind] : undefined;
  if (typeof model !== "function" || model.apiVersion !== object.apiVersion || model.kind !== object.kind) {
    throw new Error(`unknown kind ${JSON.stringify(object.kind)} in ${object.apiVersion}`);
  }
  return model;
}

function messages(error) {
  if (Array.isArray(error?.errors) && error.errors.length > 0) {
    return error.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
  }
  return [error?.message ?? String(error)];
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length > 1) {
    console.error("usage: node validate.mjs [rendered.yaml | -]");
    process.exit(2);
  }
  const source = args.length === 0 || args[0] === "-" ? 0 : args[0];
  const text = readFileSync(source, "utf8");

  let passed = 0;
  let failed = 0;
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      failed++;
      for (const e of document.errors) console.log(`FAIL <document>: not valid YAML: ${e.message}`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue; // an empty document between separators
    try {
      if (typeof object !== "object" || Array.isArray(object)) throw new Error("not a Kubernetes object (a map)");
      const Model = await modelFor(object);
      new Model(object).validate();
      passed++;
      console.log(`ok ${describe(object)}`);
    } catch (error) {
      failed++;
      for (const message of messages(error)) console.log(`FAIL ${describe(object)}: ${message}`);
    }
  }
  console.log(`validated ${passed + failed} objects: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`validate.mjs: ${error?.stack ?? error}`);
  process.exit(2);
});
