<#ftl output_format="HTML" strip_whitespace=true>
<#-- The fleet report: one self-contained page. Geometry comes from TopologyLayout and
     CapacityLayout; every string is escaped by the HTML output format. -->
<#macro data attrs><#list attrs as a> data-${a.name}="${a.value}"</#list></#macro>
<#macro labels list><#list list as l>
<text x="${l.x}" y="${l.y}"<#if l.cls?has_content> class="${l.cls}"</#if>>${l.text}</text>
</#list></#macro>
<#macro box b>
<g class="box ${b.cls}"<@data b.data/>>
<title>${b.title}</title>
<rect class="frame" x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="4"/>
<@labels b.labels/>
</g>
</#macro>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="bitte-processor">
<title>${page.cluster} · fleet report</title>
<style>
:root { --ink: #1d2630; --dim: #5b6875; --line: #c9d2db; --panel: #f4f7fa; --lane: #ffffff; --accent: #2f6db5; --warn: #a34a00; --neg: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; color: var(--ink); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", sans-serif; }
main { width: 1160px; margin: 0 auto; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 6px 0; }
.sub { color: var(--dim); }
nav ul { list-style: none; padding: 0; margin: 10px 0 0; display: flex; gap: 18px; }
nav a { color: var(--accent); }
.facts { list-style: none; padding: 0; margin: 14px 0 0; display: flex; flex-wrap: wrap; gap: 10px; }
.facts li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: var(--panel); }
.facts b { font-size: 18px; margin-right: 6px; }
svg { display: block; overflow: visible; }
svg text { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 12px; fill: var(--ink); }
svg text.region { font-size: 13px; font-weight: bold; }
svg text.name { font-weight: bold; }
svg text.dim, svg text.cidr, svg text.caption { fill: var(--dim); }
svg text.neg { fill: var(--neg); }
.region > .frame { fill: var(--panel); stroke: var(--line); }
.region.primary > .frame { stroke: var(--accent); }
.lane > .frame { fill: var(--lane); stroke: var(--line); stroke-dasharray: 4 3; }
.node > .frame { fill: #e8f0fb; stroke: #7d9fc9; }
.node.public > .frame { fill: #fff4e5; stroke: var(--warn); stroke-width: 1.5; }
.group > .frame { fill: #eef7ee; stroke: #83ad83; }
.entry > .frame { fill: #fff4e5; stroke: var(--warn); }
path.peering { fill: none; stroke: var(--accent); stroke-width: 1.5; opacity: 0.75; }
path.anchor { stroke: var(--accent); stroke-width: 4; }
path.entry { fill: none; stroke: var(--warn); stroke-width: 2; marker-end: url(#arrow); }
.bars text { font-size: 11px; }
.bars text.name, .bars text:not([class]) { font-size: 12px; }
.bars .track { fill: none; stroke: var(--line); }
.band-min { fill: #d5dde5; }
.band-desired { fill: #e6ecf1; }
.band-max { fill: #f5f7f9; }
.marker { stroke: var(--ink); stroke-width: 1.5; }
.marker-min { stroke-dasharray: 2 2; }
.marker-max { stroke: var(--dim); }
.capacity-row { border-top: 1px solid var(--line); padding: 8px 0 4px; }
details { margin: 0 0 4px 0; }
summary { cursor: pointer; color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.legend { color: var(--dim); font-size: 13px; }
.warnings li { color: var(--warn); }
.empty { color: var(--dim); font-style: italic; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 13px; }
</style>
</head>
<body>
<main data-cluster="${page.cluster}">
<header>
<h1>${page.cluster}</h1>
<p class="sub">Fleet report · domain <code>${page.domain}</code> · primary region <code>${page.primaryRegion}</code></p>
<ul class="facts">
<#list page.facts as f>
<li><b>${f.value}</b>${f.label}</li>
</#list>
</ul>
<nav><ul>
<li><a href="#topology">Topology</a></li>
<li><a href="#capacity">Capacity</a></li>
<li><a href="#security">Security rules</a></li>
<li><a href="#services">Services</a></li>
<li><a href="#warnings">Warnings</a></li>
</ul></nav>
</header>

<section id="topology">
<h2>Topology</h2>
<#assign d = page.topology>
<svg class="topology" xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" role="img" aria-label="Topology of ${page.cluster}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#a34a00"/></marker></defs>
<#list d.panels as b><@box b/></#list>
<#list d.lanes as b><@box b/></#list>
<#list d.boxes as b><@box b/></#list>
<#list d.paths as p>
<path class="${p.cls}"<@data p.data/> d="${p.d}"><title>${p.title}</title></path>
</#list>
<#list d.anchors as p>
<path class="${p.cls}"<@data p.data/> d="${p.d}"/>
</#list>
</svg>
<p class="legend">Regions top to bottom, primary first; in each, one lane per availability zone with its subnet and the core nodes placed there, then the client groups (which span the zones listed). Hover a box for its full text.
<#if page.peerings?has_content> Arcs on the left: VPC peering, a full mesh between all regions.</#if></p>
<#if page.peerings?has_content>
<h3>VPC peering</h3>
<ul class="peerings">
<#list page.peerings as p>
<li>${p}</li>
</#list>
</ul>
</#if>
</section>

<section id="capacity">
<h2>Capacity</h2>
<#if page.capacityKnown>
<p class="legend">Per client group, the CPU and memory each job uses at desired capacity (one colour per job), against the capacity for allocations at min (dark band, dashed marker), desired (middle band, solid marker) and max (the end of the track).</p>
<#else>
<p class="legend empty">No job placement is known for this fleet: the bars show the instance types' CPU and memory after the Nomad client's reserve at min (dark band), desired (middle band) and max (end of the track).</p>
</#if>
<#list page.capacity as r>
<div class="capacity-row" data-group="${r.group}" data-known="${r.known?c}">
<svg class="bars" xmlns="http://www.w3.org/2000/svg" width="${page.capacityWidth}" height="${page.capacityRowHeight}" role="img" aria-label="Capacity of ${r.group}">
<title>${r.title}</title>
<#list r.bars as b>
<g class="bar" data-group="${r.group}" data-resource="${b.resource}" data-min="${b.min}" data-desired="${b.desired}" data-max="${b.max}" data-used="${b.used}">
<#list b.bands as band><rect class="band-${band.which}" x="${band.x}" y="${b.y}" width="${band.width}" height="${b.height}"/></#list>
<#list b.segments as s><rect class="seg" data-job="${s.job}" data-used="${s.used}" x="${s.x}" y="${b.y}" width="${s.width}" height="${b.height}" fill="${s.fill}"><title>${s.title}</title></rect></#list>
<rect class="track" x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}"/>
<#list b.markers as m><line class="marker marker-${m.which}" data-marker="${m.which}" x1="${m.x}" x2="${m.x}" y1="${b.y - 3}" y2="${b.y + b.height + 3}"><title>${m.title}</title></line></#list>
</g>
</#list>
<@labels r.labels/>
</svg>
<#if r.jobs?has_content>
<details>
<summary>${r.jobs?size} <#if r.jobs?size == 1>job<#else>jobs</#if> on ${r.group}</summary>
<table class="jobs">
<thead><tr><th>job</th><th class="num">CPU (MHz)</th><th class="num">share</th><th class="num">memory (MiB)</th><th class="num">share</th></tr></thead>
<tbody>
<#list r.jobs as j>
<tr data-job="${j.job}"><td><span class="swatch" style="background:${j.fill}"></span>${j.job}</td><td class="num">${j.cpu}</td><td class="num">${j.cpuShare}</td><td class="num">${j.memory}</td><td class="num">${j.memoryShare}</td></tr>
</#list>
</tbody>
</table>
</details>
</#if>
</div>
</#list>
</section>

<section id="security">
<h2>Security rules</h2>
<p class="legend">Inbound rules of each security group; the NixOS firewall opens exactly the same ports. Nodes and groups with identical rules share a table.</p>
<#list page.security as s>
<h3 data-role="${s.role}">${s.role}: <#list s.members as m>${m}<#sep>, </#list></h3>
<table class="rules" data-role="${s.role}">
<thead><tr><th>port</th><th>protocol</th><th>from</th><th>service</th><th>why</th></tr></thead>
<tbody>
<#list s.rules as r>
<tr><td>${r.port}</td><td>${r.protocol}</td><td>${r.from}</td><td><code>${r.service}</code></td><td>${r.why}</td></tr>
</#list>
</tbody>
</table>
</#list>
</section>

<section id="services">
<h2>Services and Connect upstreams</h2>
<#if page.services?has_content>
<table class="services">
<thead><tr><th>service</th><th>job</th><th>upstreams</th></tr></thead>
<tbody>
<#list page.services as s>
<tr data-service="${s.service}"><td><code>${s.service}</code></td><td>${s.job}</td><td><#if s.upstreams?has_content><#list s.upstreams as u><code>${u}</code><#sep>, </#list><#else><span class="empty">none</span></#if></td></tr>
</#list>
</tbody>
</table>
<#else>
<p class="empty">No services are known for this fleet.</p>
</#if>
</section>

<section id="warnings">
<h2>Warnings</h2>
<#if page.warnings?has_content>
<ul class="warnings">
<#list page.warnings as w>
<li>${w}</li>
</#list>
</ul>
<#else>
<p class="empty">No warnings.</p>
</#if>
</section>
</main>
</body>
</html>
