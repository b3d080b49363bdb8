#!/usr/bin/env node
// Extracts a compact Terraform schema of one provider from the jsii assembly (.jsii) shipped in
// its prebuilt CDK for Terraform package, and writes it as JSON to argv[2].
//
//   node provider-schema.mjs <out.json> [package]     # package: default @cdktn/provider-aws
//   node provider-schema.mjs vault.json @cdktf/provider-vault
//
// Works for the packages of both CDK for Terraform lines: @cdktn/provider-* (built on "cdktn")
// and the older @cdktf/provider-* (built on "cdktf"); their assemblies have the same layout.
// The provider (registry namespace and type, e.g. hashicorp/aws, hashicorp/vault) is read from
// the registry link of the package's provider class, and every resource, data source and
// ephemeral resource must be named "<type>_<docs page>" (aws_instance, vault_policy).
//
// Output (keys sorted, so the file is deterministic):
//   {
//     "format": 1,
//     "source": { "npm": "@cdktn/provider-aws@25.7.0", "registry": "https://registry.terraform.io/providers/hashicorp/aws/6.66.0",
//                 "terraform_provider": "hashicorp/aws", "terraform_provider_version": "6.66.0" },
//     "provider":            { <args of the provider "aws" block> },
//     "resources":           { "aws_instance": { <args> }, ... },
//     "data_sources":        { "aws_ami": { <args> }, ... },        // data "aws_ami" "x" {}
//     "ephemeral_resources": { ... }
//   }
// where <args> maps each Terraform argument name to one of
//   { "required": bool, "type": "string" | "number" | "bool" | "list(string)" | "map(string)" | ... }
//   { "required": bool, "type": "object" | "list(object)" | "map(object)", "args": { <args> } }  // nested attribute
//   { "required": bool, "block": "single" | "list", "args": { <args> } }                          // nested block
//   { "required": bool, "block": "unknown" }   // block whose contents the CDK did not model (too deep)
// Nested attributes of legacy-SDK resources (those whose top level has an "id" argument)
// also carry "attr_as_blocks": true. These are Terraform's "attributes as blocks" (the
// provider's ConfigModeAttr: aws_security_group ingress/egress, aws_route_table route,
// aws_network_acl ingress/egress, ...). Terraform reads them from JSON as attributes of
// type list(object({...})), so every object must give EVERY key (null where unset), or
// Terraform fails with 'attributes "description", ... are required'. The CDK reports all
// keys of such objects as optional, hence the separate flag.
// A recursive schema (wafv2 statements contain statements) has, instead of "args",
//   "args_ref": "statement"    // dot-separated argument path, from the resource's top, of the
//                              // ancestor whose "args" apply here too
// Only configurable arguments are listed (computed-only attributes such as "arn" are
// not). Terraform meta-arguments (count, for_each, provider, lifecycle, ...) are not
// listed: a checker must allow them itself.
//
// How Terraform names are found: every jsii property of a config struct carries a
// registry link "{@link https://registry.terraform.io/.../docs/resources/instance#http_tokens Instance#http_tokens}"
// in its docs; the anchor is the Terraform name. Converting the camelCase jsii name
// back is NOT reliable (fetchPasswordData is get_password_data, selfAttribute is self,
// equalTo is equals, addressLine1 is address_line_1, s3Api is s3api, m2TsSettings is
// m2ts_settings), so a property without such a link is an error here.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const out = process.argv[2];
const packageName = process.argv[3] ?? '@cdktn/provider-aws';
if (!out || process.argv.length > 4) {
  console.error('usage: node provider-schema.mjs <out.json> [package, default @cdktn/provider-aws]');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const pkgJson = require.resolve(`${packageName}/package.json`);
const pkgDir = path.dirname(pkgJson);
const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
const started = Date.now();
const jsiiFile = path.join(pkgDir, '.jsii');
if (!fs.existsSync(jsiiFile)) fail(`${packageName} has no .jsii assembly (not a prebuilt CDK for Terraform provider)`);
const assembly = JSON.parse(fs.readFileSync(jsiiFile, 'utf8'));
if (assembly.schema !== 'jsii/0.10.0') fail(`${packageName}: unsupported .jsii schema "${assembly.schema}"`);
const types = assembly.types;

// The CDK library the classes extend: "cdktn" (@cdktn/provider-*) or "cdktf" (@cdktf/provider-*).
const cdkLibs = ['cdktn', 'cdktf'].filter((lib) => lib in (assembly.dependencies ?? {}));
if (cdkLibs.length !== 1) fail(`${packageName} depends on ${cdkLibs.length ? cdkLibs.join(' and ') : 'neither cdktn nor cdktf'}`);
const CDK = cdkLibs[0];
const KIND_BY_BASE = {
  [`${CDK}.TerraformResource`]: 'resources',
  [`${CDK}.TerraformDataSource`]: 'data_sources',
  [`${CDK}.TerraformEphemeralResource`]: 'ephemeral_resources',
  [`${CDK}.TerraformProvider`]: 'provider',
};
const DOCS_DIR = { resources: 'resources', data_sources: 'data-sources', ephemeral_resources: 'ephemeral-resources' };

// The provider, from its class's docs: "Represents a {@link https://registry.terraform.io/providers/hashicorp/aws/6.66.0/docs aws}."
const providerClasses = Object.keys(types).filter(
  (fqn) => types[fqn].kind === 'class' && types[fqn].base === `${CDK}.TerraformProvider`,
);
if (providerClasses.length !== 1) fail(`${packageName}: expected one provider class, found ${providerClasses.length}`);
const providerLink =
  /\{@link https:\/\/registry\.terraform\.io\/providers\/([a-z0-9-]+)\/([a-z0-9-]+)\/[^/\s]+\/docs ([a-z0-9-]+)\}/.exec(
    types[providerClasses[0]].docs?.summary ?? '',
  );
if (!providerLink || providerLink[2] !== providerLink[3]) {
  fail(`no registry link in the docs of ${providerClasses[0]}: ${types[providerClasses[0]].docs?.summary}`);
}
const [, NAMESPACE, TYPE] = providerLink;
const declared = pkg.cdktf?.provider?.name; // e.g. "registry.terraform.io/hashicorp/aws"
if (declared && declared !== `registry.terraform.io/${NAMESPACE}/${TYPE}`) {
  fail(`${packageName} declares provider ${declared}, but its docs link to ${NAMESPACE}/${TYPE}`);
}

const REGISTRY = `https://registry.terraform.io/providers/${NAMESPACE}/${TYPE}/`;
const registryPattern = `https:\\/\\/registry\\.terraform\\.io\\/providers\\/${NAMESPACE}\\/${TYPE}\\/`;
const CLASS_LINK = new RegExp(
  `\\{@link ${registryPattern}([^/\\s]+)\\/docs(?:\\/(resources|data-sources|ephemeral-resources)\\/(\\S+))? (\\S+)\\}`,
);
const PROPERTY_LINK = new RegExp(`\\{@link ${registryPattern}[^\\s#}]+#([^\\s}]+) [A-Za-z0-9_]+#\\1\\}`);

function fail(message) {
  console.error(`provider-schema: ${message}`);
  process.exit(1);
}

const isStruct = (fqn) => types[fqn]?.kind === 'interface' && types[fqn]?.datatype === true;

/** Strips the IResolvable alternative that the CDK adds to bools, lists and maps. */
function unwrap(type) {
  if (type.union) {
    const rest = type.union.types.filter((t) => t.fqn !== `${CDK}.IResolvable`);
    if (rest.length === 1) return unwrap(rest[0]);
    return { primitive: 'any' };
  }
  return type;
}

/** Terraform type of a non-block property, and the struct fqn of its objects if any. */
function describe(type, where) {
  const t = unwrap(type);
  if (t.primitive) {
    return { type: { string: 'string', number: 'number', boolean: 'bool', any: 'any', json: 'any', date: 'string' }[t.primitive] ?? 'any' };
  }
  if (t.fqn) {
    return isStruct(t.fqn) ? { type: 'object', struct: t.fqn } : { type: 'any' };
  }
  if (t.collection) {
    const inner = describe(t.collection.elementtype, where);
    const kind = t.collection.kind === 'map' ? 'map' : 'list';
    return { type: `${kind}(${inner.type})`, struct: inner.struct };
  }
  fail(`unsupported jsii type at ${where}: ${JSON.stringify(type)}`);
}

function terraformName(property, where) {
  const text = `${property.docs?.summary ?? ''} ${property.docs?.remarks ?? ''}`;
  const m = PROPERTY_LINK.exec(text);
  if (!m) fail(`no registry anchor (Terraform name) in the docs of ${where}`);
  return m[1];
}

/**
 * Arguments of a config struct (the struct's own properties; inherited meta-arguments are
 * skipped). `stack` holds the structs being expanded with their argument paths, to turn a
 * recursive schema (wafv2 statements nest statements) into an "args_ref" to the ancestor.
 */
function argsOf(fqn, legacySdk, stack = [{ fqn, path: [] }]) {
  const struct = types[fqn];
  const here = stack[stack.length - 1].path;
  const args = {};
  for (const p of struct.properties ?? []) {
    const where = `${fqn}.${p.name}`;
    const name = terraformName(p, where);
    if (name in args) fail(`two properties map to "${name}" in ${fqn}`);
    const required = !p.optional;
    const isBlock = (p.docs?.summary ?? '').trim() === `${name} block.`;
    const d = describe(p.type, where);
    const entry = (shape) => {
      const ancestor = stack.find((s) => s.fqn === d.struct);
      if (ancestor) return { ...shape, args_ref: ancestor.path.join('.') };
      return { ...shape, args: argsOf(d.struct, legacySdk, [...stack, { fqn: d.struct, path: [...here, name] }]) };
    };
    if (isBlock) {
      if (!d.struct) {
        args[name] = { required, block: 'unknown' };
      } else {
        if (d.type !== 'object' && d.type !== 'list(object)') fail(`unexpected block type ${d.type} at ${where}`);
        args[name] = entry({ required, block: d.type === 'object' ? 'single' : 'list' });
      }
    } else if (d.struct) {
      args[name] = entry(legacySdk ? { required, type: d.type, attr_as_blocks: true } : { required, type: d.type });
    } else {
      args[name] = { required, type: d.type };
    }
  }
  return args;
}

const schema = { format: 1, provider: null, resources: {}, data_sources: {}, ephemeral_resources: {} };
let providerVersion = null;
for (const fqn of Object.keys(types).sort()) {
  const t = types[fqn];
  const kind = t.kind === 'class' ? KIND_BY_BASE[t.base] : undefined;
  if (!kind) continue;
  const m = CLASS_LINK.exec(t.docs?.summary ?? '');
  if (!m) fail(`no registry link in the docs of ${fqn}: ${t.docs?.summary}`);
  const [, version, dir, page, linkText] = m;
  if (providerVersion && providerVersion !== version) fail(`mixed provider versions ${providerVersion} and ${version}`);
  providerVersion = version;
  const config = t.initializer?.parameters?.find((p) => p.name === 'config');
  if (!config || !isStruct(config.type.fqn)) fail(`no config struct for ${fqn}`);
  // Every resource of the legacy plugin SDK has an optional "id" argument (the CDK's docs
  // say so); plugin-framework resources do not.
  const legacySdk = kind !== 'provider' && (types[config.type.fqn].properties ?? []).some((p) => p.name === 'id');
  const args = argsOf(config.type.fqn, legacySdk);
  if (kind === 'provider') {
    if (schema.provider) fail(`two provider classes (${fqn})`);
    schema.provider = args;
    continue;
  }
  if (dir !== DOCS_DIR[kind] || linkText !== `${TYPE}_${page}`) fail(`unexpected registry link for ${fqn}: ${m[0]}`);
  if (linkText in schema[kind]) fail(`two classes for ${kind} ${linkText}`);
  schema[kind][linkText] = args;
}
if (!schema.provider) fail('no provider class found');
const declaredVersion = pkg.cdktf?.provider?.version;
if (declaredVersion && declaredVersion !== providerVersion) {
  fail(`${packageName} declares provider version ${declaredVersion}, but its docs link to ${providerVersion}`);
}
schema.source = {
  npm: `${pkg.name}@${pkg.version}`,
  terraform_provider: `${NAMESPACE}/${TYPE}`,
  terraform_provider_version: providerVersion,
  registry: REGISTRY + providerVersion,
};

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    const o = {};
    for (const k of Object.keys(value).sort()) o[k] = sorted(value[k]);
    return o;
  }
  return value;
}

fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
const tmp = `${out}.tmp-${process.pid}`;
fs.writeFileSync(tmp, JSON.stringify(sorted(schema)) + '\n');
fs.renameSync(tmp, out);
const count = (k) => Object.keys(schema[k]).length;
console.error(
  `provider-schema: wrote ${out} (${count('resources')} resources, ${count('data_sources')} data sources, ` +
    `${count('ephemeral_resources')} ephemeral resources; ${NAMESPACE}/${TYPE} ${providerVersion}, ${pkg.name}@${pkg.version}) ` +
    `in ${Date.now() - started} ms`,
);
