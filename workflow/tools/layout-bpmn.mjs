// Writes a fresh diagram (bpmndi) into BPMN files: strips any existing BPMNDiagram and lays every process out again,
// left to right, with expanded sub-processes, boundary events on their task, loops routed through free corridors and
// as few crossings as a layered layout finds. The process part of each file stays byte for byte as it was (comments
// and formatting included): only the diagram and the three diagram namespaces are written.
//
//   cd workflow/tools && npm ci && node layout-bpmn.mjs            # both models of workflow
//   node layout-bpmn.mjs path/to/a.bpmn [more.bpmn ...]            # named files
//   node layout-bpmn.mjs --check                                   # fail if a file's diagram is not what it writes
//
// Run it after every change of a model's flow nodes or sequence flows, then `npm run lint` and look at the picture
// (`node render-bpmn.mjs ../src/main/resources/bpmn/national-referral-mechanism.bpmn /tmp/nrm.png`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';

const here = dirname(fileURLToPath(import.meta.url));
const MODELS = join(here, '..', 'src', 'main', 'resources', 'bpmn');
const DEFAULT_FILES = ['national-referral-mechanism.bpmn', 'domain-event-correlation.bpmn', 'public-report-triage.bpmn', 'returning-national.bpmn'].map(f => join(MODELS, f));

const GAP_X = 70;          // between columns: room for the vertical parts of the flows and their labels
const GAP_Y = 36;          // between shapes stacked in one column
const PAD = 30;            // inside an expanded sub-process
const TITLE = 30;          // its name, top left
const CHAR_W = 6.4;        // label text (bpmn-js: 11 px Arial)
const LINE_H = 14;

// The stages of a process, drawn as one bpmn:group each (a band of columns, left to right, with the stage's name):
// every flow node of the process lies in exactly one band. A stage is entered at the elements it names; every other
// node is in the latest stage of the nodes its flows come from (a boundary event's flows come from its task), so a
// node added to the model lands in the stage of what leads to it, and a flow into an earlier stage is drawn as a
// loop. An event sub-process is in the stage that names it (else the last). The groups and their category are written
// into the process by this script (ids `stage-*`): re-run it after changing the model, never edit them by hand.
// The names follow the case's stages (CaseStage: notification, awaiting reasonable grounds, recovery period, awaiting
// conclusive grounds, support, return, closed).
const STAGES = {
  'national-referral-mechanism': [
    { id: 'referral', name: 'Referral and identification', entry: ['referral-received'] },
    { id: 'reasonable-grounds', name: 'Reasonable grounds and reconsideration',
      entry: ['reasonable-grounds-decision', 'negative-merge'] },
    { id: 'recovery', name: 'Recovery period and conclusive grounds', entry: ['rg-positive-merge'] },
    { id: 'protection', name: 'Protection: shelter and residence permit',
      entry: ['needs-accommodation', 'is-foreign-national'] },
    { id: 'solution', name: 'Durable solution, return and reintegration',
      entry: ['durable-solution-merge', 'move-on-support'] },
    { id: 'closure', name: 'Closure', entry: ['closure-merge', 'closed-elsewhere'] },
  ],
};

const is = (element, type) => element.$instanceOf(type);

function size(element) {
  if (is(element, 'bpmn:Gateway')) return { w: 50, h: 50 };
  if (is(element, 'bpmn:Event')) return { w: 36, h: 36 };
  return { w: 100, h: 80 };
}

/** Bounds of a label text wrapped to maxWidth. */
function labelBox(text, maxWidth) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    const candidate = line ? line + ' ' + word : word;
    if (line && candidate.length * CHAR_W > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  const w = Math.ceil(Math.min(maxWidth, Math.max(...lines.map(l => l.length * CHAR_W)) + 4));
  return { w, h: lines.length * LINE_H };
}

const externalLabel = element => (is(element, 'bpmn:Event') || is(element, 'bpmn:Gateway')) && element.name;

// ------------------------------------------------------------------------------------------------------------------
// one container (process or sub-process): layered layout, coordinates relative to its top left corner

function layoutContainer(container, stages = null) {
  const elements = container.flowElements || [];
  const flowNodes = elements.filter(e => is(e, 'bpmn:FlowNode'));
  const boundaries = flowNodes.filter(e => is(e, 'bpmn:BoundaryEvent'));
  const eventSubs = flowNodes.filter(e => is(e, 'bpmn:SubProcess') && e.triggeredByEvent);
  const nodes = flowNodes.filter(e => !boundaries.includes(e) && !eventSubs.includes(e));
  const flows = elements.filter(e => is(e, 'bpmn:SequenceFlow'));

  const item = new Map(); // id -> layout item
  for (const node of nodes) {
    const it = { id: node.id, element: node, kind: 'node', out: [], in: [] };
    if (is(node, 'bpmn:SubProcess')) {
      it.inner = layoutContainer(node);
      it.w = it.inner.width + 2 * PAD;
      it.h = it.inner.height + PAD + TITLE;
    } else {
      Object.assign(it, size(node));
    }
    if (externalLabel(node)) {
      it.label = labelBox(node.name, 96);
    }
    // room the shape needs in its column: gateways carry their label above left, events below
    it.above = it.label && is(node, 'bpmn:Gateway') ? it.label.h : 0;
    it.below = it.label && is(node, 'bpmn:Event') ? it.label.h + 4 : 0;
    it.colW = Math.max(it.w, it.label && is(node, 'bpmn:Event') ? it.label.w : 0);
    item.set(node.id, it);
  }
  const boundaryOf = new Map(boundaries.map(b => [b.id, b]));
  for (const b of boundaries) {
    const host = item.get(b.attachedToRef.id);
    if (host) {
      (host.boundaries ||= []).push(b);
      if (b.name) host.below = Math.max(host.below, labelBox(b.name, 96).h + 22);
    }
  }

  const edges = [];
  for (const flow of flows) {
    const boundary = boundaryOf.get(flow.sourceRef.id);
    const u = item.get(boundary ? boundary.attachedToRef.id : flow.sourceRef.id);
    const v = item.get(flow.targetRef.id);
    if (!u || !v) continue;
    const edge = { flow, u, v, boundary };
    edges.push(edge);
    u.out.push(edge);
    v.in.push(edge);
  }
  // flows from a boundary event are explored last: the main path stays on top
  for (const it of item.values()) it.out.sort((a, b) => (a.boundary ? 1 : 0) - (b.boundary ? 1 : 0));

  // break cycles: depth first from the start nodes, an edge back to a node on the stack is a loop
  const order = [];
  const state = new Map();
  const visit = it => {
    state.set(it, 'open');
    order.push(it);
    for (const edge of it.out) {
      const s = state.get(edge.v);
      if (s === 'open') edge.back = true;
      else if (!s) visit(edge.v);
    }
    state.set(it, 'done');
  };
  const all = [...item.values()];
  all.filter(it => it.in.length === 0).forEach(it => state.get(it) || visit(it));
  all.forEach(it => state.get(it) || visit(it));
  order.forEach((it, i) => { it.seq = i; });

  // stages: each node in the stage it enters, else in the latest stage of its forward predecessors (topological order
  // over the forward edges); a flow into an earlier stage becomes a loop
  if (stages) {
    const entry = new Map();
    stages.forEach((stage, k) => stage.entry.forEach(id => {
      if (!flowNodes.some(n => n.id === id)) throw new Error(`stage ${stage.id}: no flow node ${id} in ${container.id}`);
      entry.set(id, k);
    }));
    const pending = new Map(all.map(it => [it, it.in.filter(e => !e.back && e.u !== e.v).length]));
    const ready = order.filter(it => pending.get(it) === 0);
    all.forEach(it => { it.stage = entry.has(it.id) ? entry.get(it.id) : 0; });
    const seen = new Set();
    while (ready.length) {
      const it = ready.shift();
      seen.add(it);
      for (const e of it.out) {
        if (e.back || e.u === e.v) continue;
        if (entry.has(e.v.id) && entry.get(e.v.id) < it.stage) e.back = true;
        else if (!entry.has(e.v.id)) e.v.stage = Math.max(e.v.stage, it.stage);
        pending.set(e.v, pending.get(e.v) - 1);
        if (pending.get(e.v) === 0) ready.push(e.v);
      }
    }
    if (seen.size !== all.length) throw new Error(`${container.id}: stages could not be ordered`);
  }

  // layers: longest path over the forward edges
  const forward = edges.filter(e => !e.back && e.u !== e.v);
  const indegree = new Map(all.map(it => [it, 0]));
  forward.forEach(e => indegree.set(e.v, indegree.get(e.v) + 1));
  const queue = order.filter(it => indegree.get(it) === 0);
  all.forEach(it => { it.layer = 0; });
  while (queue.length) {
    const it = queue.shift();
    for (const e of it.out) {
      if (e.back || e.u === e.v) continue;
      e.v.layer = Math.max(e.v.layer, it.layer + 1);
      indegree.set(e.v, indegree.get(e.v) - 1);
      if (indegree.get(e.v) === 0) queue.push(e.v);
    }
  }
  // a join moves right, next to where the flow goes on (its incoming flows get longer, the flow after it does not)
  for (const it of [...order].reverse()) {
    const outs = it.out.filter(e => !e.back && e.u !== e.v);
    if (outs.length === 1 && it.in.filter(e => !e.back).length > 1) {
      it.layer = Math.max(it.layer, outs[0].v.layer - 1);
    }
  }

  // a wide sub-process covers several columns: its successors start after them
  const COLUMN = 100 + GAP_X;
  for (const it of order) {
    it.span = it.inner ? Math.max(1, Math.ceil((it.w + GAP_X) / COLUMN)) : 1;
    if (it.span > 1) it.colW = 100;
  }
  const settle = () => {
    let moved = true;
    while (moved) {
      moved = false;
      for (const e of forward) {
        if (e.v.layer < e.u.layer + e.u.span) { e.v.layer = e.u.layer + e.u.span; moved = true; }
      }
      if (!stages) continue;
      // each stage's columns after every column of the stages before it
      let end = -1;
      for (let k = 0; k < stages.length; k++) {
        const members = all.filter(it => it.stage === k);
        for (const it of members) {
          if (it.layer <= end) { it.layer = end + 1; moved = true; }
        }
        end = Math.max(end, ...members.map(it => it.layer + it.span - 1));
      }
    }
  };
  settle();

  // long edges get a dummy per layer they pass
  const layerCount = Math.max(0, ...all.map(it => it.layer + it.span - 1)) + 1;
  const layers = Array.from({ length: layerCount }, () => []);
  all.forEach(it => layers[it.layer].push(it));
  for (const it of all.filter(a => a.span > 1)) {
    it.phantoms = [];
    for (let l = it.layer + 1; l < it.layer + it.span; l++) {
      const p = { kind: 'phantom', id: `${it.id}#${l}`, layer: l, w: 0, h: it.h, above: it.above, below: it.below,
        colW: 0, seq: it.seq, of: it };
      layers[l].push(p);
      it.phantoms.push(p);
    }
  }
  for (const e of forward) {
    const tail = e.u.phantoms && e.u.phantoms.length ? e.u.phantoms[e.u.phantoms.length - 1] : e.u;
    e.chain = [e.u, ...(e.u.phantoms || [])];
    for (let l = tail.layer + 1; l < e.v.layer; l++) {
      const d = { kind: 'dummy', id: `${e.flow.id}#${l}`, layer: l, w: 0, h: 0, above: 0, below: 0, colW: 0,
        seq: e.u.seq + 0.5, edge: e };
      layers[l].push(d);
      e.chain.push(d);
    }
    e.chain.push(e.v);
  }
  // neighbours of each item in the next and previous layer (through the chains)
  const prev = new Map();
  const next = new Map();
  const link = (a, b, bias) => {
    if (!next.has(a)) next.set(a, []);
    if (!prev.has(b)) prev.set(b, []);
    next.get(a).push({ it: b, bias });
    prev.get(b).push({ it: a, bias });
  };
  for (const e of forward) {
    for (let i = 0; i + 1 < e.chain.length; i++) link(e.chain[i], e.chain[i + 1], e.boundary && i === 0 ? 0.6 : 0);
  }

  // order within layers: barycentres, sweeping both ways, keeping the order with the fewest crossings
  layers.forEach(layer => layer.sort((a, b) => a.seq - b.seq));
  const positions = () => { layers.forEach(layer => layer.forEach((it, i) => { it.pos = i; })); };
  const crossings = () => {
    positions();
    let count = 0;
    for (let l = 0; l + 1 < layers.length; l++) {
      const segments = [];
      layers[l].forEach(a => (next.get(a) || []).forEach(n => segments.push([a.pos, n.it.pos])));
      for (let i = 0; i < segments.length; i++) {
        for (let j = i + 1; j < segments.length; j++) {
          const [a1, b1] = segments[i];
          const [a2, b2] = segments[j];
          if ((a1 - a2) * (b1 - b2) < 0) count++;
        }
      }
    }
    return count;
  };
  const sweep = (range, neighbours) => {
    for (const l of range) {
      positions();
      for (const it of layers[l]) {
        const ns = neighbours.get(it) || [];
        it.bary = ns.length ? ns.reduce((s, n) => s + n.it.pos + n.bias, 0) / ns.length : it.pos;
      }
      layers[l].sort((a, b) => a.bary - b.bary || a.pos - b.pos);
    }
  };
  let best = crossings();
  let bestOrder = layers.map(layer => [...layer]);
  const down = [...Array(layerCount).keys()].slice(1);
  const up = [...Array(layerCount).keys()].reverse().slice(1);
  for (let round = 0; round < 12; round++) {
    sweep(down, prev);
    sweep(up.map(l => l - 1).filter(l => l >= 0), next);
    const c = crossings();
    if (c < best) {
      best = c;
      bestOrder = layers.map(layer => [...layer]);
    }
  }
  bestOrder.forEach((layer, l) => { layers[l] = layer; });
  positions();

  // vertical positions: each item as near as it may be to its neighbours' line, order and spacing kept
  const lineY = it => it.y + it.h / 2;
  for (const layer of layers) {
    let y = 0;
    for (const it of layer) {
      y += it.above;
      it.y = y;
      y += it.h + it.below + GAP_Y;
    }
  }
  const place = (layer, wanted) => {
    // least squares with order and spacing kept: pool adjacent violators over y minus the spacing needed above
    const offsets = [];
    let acc = 0;
    layer.forEach((it, i) => {
      if (i > 0) acc += layer[i - 1].h + layer[i - 1].below + GAP_Y + it.above;
      offsets.push(acc);
    });
    const blocks = [];
    layer.forEach((it, i) => {
      const weight = it.kind === 'phantom' || it.phantoms ? 50 : it.kind === 'dummy' ? 2 : 1;
      blocks.push({ value: wanted[i] - offsets[i], weight, count: 1 });
      while (blocks.length > 1 && blocks[blocks.length - 2].value > blocks[blocks.length - 1].value) {
        const b = blocks.pop();
        const a = blocks.pop();
        const weight = a.weight + b.weight;
        blocks.push({ value: (a.value * a.weight + b.value * b.weight) / weight, weight, count: a.count + b.count });
      }
    });
    let i = 0;
    for (const block of blocks) {
      for (let k = 0; k < block.count; k++, i++) layer[i].y = block.value + offsets[i];
    }
  };
  const wantedY = (it, neighbours) => {
    if (it.kind === 'phantom') return it.of.y;
    const ns = (neighbours.get(it) || []).map(n => lineY(n.it)).sort((a, b) => a - b);
    if (!ns.length) return it.y;
    return ns[Math.floor((ns.length - 1) / 2)] - it.h / 2;
  };
  for (let round = 0; round < 16; round++) {
    const [range, ns] = round % 2 === 0 ? [down, prev] : [up.map(l => l - 1).filter(l => l >= 0), next];
    for (const l of range) place(layers[l], layers[l].map(it => wantedY(it, ns)));
  }
  // a wide sub-process and its phantoms share one row
  for (const l of down.length ? [0, ...down] : [0]) {
    if (layers[l].some(it => it.kind === 'phantom')) place(layers[l], layers[l].map(it => (it.kind === 'phantom' ? it.of.y : it.y)));
  }
  layers.flat().filter(it => it.kind === 'phantom').forEach(it => { it.y = it.of.y; });
  // whole pixels; a line that is almost straight becomes straight where the column has room
  for (const layer of layers) layer.forEach(it => { it.y = Math.round(it.y); });
  const gapAbove = (layer, i) => (i === 0 ? Infinity
    : layer[i].y - layer[i].above - (layer[i - 1].y + layer[i - 1].h + layer[i - 1].below) - GAP_Y);
  for (const layer of layers) {
    layer.forEach((it, i) => {
      if (it.kind === 'phantom' || it.phantoms) return;
      const ns = [...(prev.get(it) || []), ...(next.get(it) || [])];
      for (const n of ns) {
        const dy = Math.round(lineY(n.it) - lineY(it));
        if (dy === 0 || Math.abs(dy) > 8) continue;
        const room = dy < 0 ? gapAbove(layer, i) : (i + 1 < layer.length ? gapAbove(layer, i + 1) : Infinity);
        if (room >= Math.abs(dy)) { it.y += dy; break; }
      }
    });
  }

  // event sub-processes: laid out on their own, drawn below the flow (in their stage's band when there are stages)
  const subs = eventSubs.map(sub => {
    const inner = layoutContainer(sub);
    const stage = !stages ? null : stages.findIndex(st => st.entry.includes(sub.id));
    return { sub, inner, w: inner.width + 2 * PAD, h: inner.height + PAD + TITLE,
      stage: stage === null ? null : stage < 0 ? stages.length - 1 : stage };
  });
  // the columns of each stage: first and last layer; a stage's band is wide enough for its event sub-processes
  const bands = !stages ? [] : stages.map((stage, k) => {
    const members = all.filter(it => it.stage === k);
    const first = members.length ? Math.min(...members.map(it => it.layer)) : null;
    const last = members.length ? Math.max(...members.map(it => it.layer + it.span - 1)) : null;
    const below = subs.filter(s => s.stage === k);
    return { stage, first, last, subs: below, need: below.reduce((sum, s) => sum + s.w, 0) + 40 * (below.length - 1) };
  });
  for (const band of bands) {
    if (band.subs.length && band.first === null) throw new Error(`stage ${band.stage.id} has event sub-processes but no flow node`);
  }

  // horizontal positions: columns
  let x = 0;
  const reach = new Map(); // last column of a wide sub-process -> where its right side is
  const bandStart = new Map();
  const columns = layers.map((layer, l) => {
    let width = Math.max(36, ...layer.map(it => it.colW));
    if (reach.has(l)) width = Math.max(width, reach.get(l) - x);
    for (const band of bands) {
      if (band.first === l) bandStart.set(band, x);
      if (band.last === l && band.subs.length) width = Math.max(width, band.need - (x - bandStart.get(band)));
    }
    const column = { x, width };
    layer.forEach(it => { it.x = Math.round(x + Math.max(0, (Math.min(width, 100) - it.w) / 2)); });
    layer.filter(it => it.span > 1).forEach(it => {
      const last = it.layer + it.span - 1;
      reach.set(last, Math.max(reach.get(last) || 0, it.x + it.w));
    });
    x += width + GAP_X;
    return column;
  });

  // shift so that nothing (labels included) is above 0
  const top = Math.min(0, ...all.map(it => it.y - it.above));
  all.forEach(it => { it.y -= top; });
  layers.flat().filter(it => it.kind !== 'node').forEach(it => { it.y -= top; });

  // --------------------------------------------------------------------------------------------------------------
  // routing
  const occupied = l => layers[l].filter(it => it.kind !== 'dummy')
    .map(it => ({ it, top: it.y - it.above - 6, bottom: it.y + it.h + it.below + 6 }));
  const clearInColumn = (it, y1, y2) => {
    const [a, b] = y1 < y2 ? [y1, y2] : [y2, y1];
    return occupied(it.layer).every(o => o.it === it || o.bottom < a || o.top > b);
  };
  const verticals = [];   // segments in the gap after column g: { g, y1, y2, edge }
  const plans = [];
  for (const e of forward) {
    const points = [];
    const chain = e.chain.filter(it => it.kind !== 'phantom');
    const yOf = it => (it.kind === 'dummy' ? it.y : lineY(it));
    // exit
    const u = e.u;
    const firstY = yOf(chain[1]);
    if (e.boundary) {
      const b = placeBoundary(u, e.boundary);
      points.push({ x: b.x + 18, y: b.y + 36 }, { x: b.x + 18, y: firstY });
    } else if (is(u.element, 'bpmn:Gateway') && Math.abs(firstY - lineY(u)) > 1 && clearInColumn(u, lineY(u), firstY)) {
      const cx = u.x + u.w / 2;
      (u.ports ||= new Set()).add(firstY < lineY(u) ? 'top' : 'bottom');
      points.push({ x: cx, y: firstY < lineY(u) ? u.y : u.y + u.h }, { x: cx, y: firstY });
    } else {
      points.push({ x: u.x + u.w, y: lineY(u) });
    }
    // through the gaps
    let y = points[points.length - 1].y;
    const v = e.v;
    for (let i = 1; i < chain.length; i++) {
      const it = chain[i];
      const last = i === chain.length - 1;
      let ty = yOf(it);
      let enterTop = false;
      if (last && is(v.element, 'bpmn:Gateway') && Math.abs(y - ty) > 1 && clearInColumn(v, y, ty)) {
        // into a join's top or bottom corner: along the row, then down or up into it
        enterTop = true;
      }
      if (enterTop) {
        const cx = v.x + v.w / 2;
        (v.ports ||= new Set()).add(y < ty ? 'top' : 'bottom');
        points.push({ x: cx, y }, { x: cx, y: y < ty ? v.y : v.y + v.h });
        break;
      }
      if (Math.abs(y - ty) > 1) {
        const g = it.layer - 1; // the gap before its column
        const segment = { g, y1: y, y2: ty, edge: e };
        verticals.push(segment);
        points.push({ segment, y }, { segment, y: ty });
        y = ty;
      }
      if (last) points.push({ x: v.x, y: ty });
    }
    plans.push({ e, points });
  }
  // spread the vertical segments that share a gap over tracks
  for (let g = 0; g < columns.length; g++) {
    const here = verticals.filter(s => s.g === g)
      .map(s => ({ s, a: Math.min(s.y1, s.y2), b: Math.max(s.y1, s.y2) })).sort((p, q) => p.a - q.a || q.b - p.b);
    const tracks = [];
    for (const p of here) {
      let t = tracks.findIndex(end => end < p.a - 8);
      if (t < 0) { t = tracks.length; tracks.push(p.b); } else tracks[t] = p.b;
      p.s.track = t;
    }
    const start = columns[g].x + columns[g].width;
    here.forEach(p => { p.s.x = Math.round(start + (p.s.track + 1) * GAP_X / (tracks.length + 1)); });
  }
  const routed = [];
  for (const { e, points } of plans) {
    routed.push({ flow: e.flow, waypoints: simplify(points.map(p => (p.segment ? { x: p.segment.x, y: p.y } : p))) });
  }

  // loops: out of the source's top or bottom (whichever is free in its column) into the gap before it, along a
  // corridor free in every column between, into the gap after the target, and into the target's top or bottom
  const loops = edges.filter(e => e.back || e.u === e.v);
  const corridorsUsed = [];
  const gapUse = new Map();
  const nextInGap = (key) => { const k = gapUse.get(key) || 0; gapUse.set(key, k + 1); return k; };
  const bottomOf = it => it.y + it.h + it.below;
  const topOf = it => it.y - it.above;
  const boxes = all.map(it => ({ it, x1: it.x - 4, x2: it.x + Math.max(it.w, it.colW) + 4, y1: it.y - it.above - 4,
    y2: it.y + it.h + it.below + 4 }));
  const overall = { top: Math.min(...boxes.map(b => b.y1)), bottom: Math.max(...boxes.map(b => b.y2)) };
  const hits = (points, e) => {
    let count = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const [p, q] = [points[i], points[i + 1]];
      const [x1, x2] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
      const [y1, y2] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
      for (const b of boxes) {
        if ((b.it === e.u && i === 0) || (b.it === e.v && i === points.length - 2)) continue;
        if (x1 <= b.x2 && x2 >= b.x1 && y1 <= b.y2 && y2 >= b.y1) {
          // by how much of the line runs over the shape: clipping a label beats crossing a sub-process
          count += 10 + Math.min(x2, b.x2) - Math.max(x1, b.x1) + Math.min(y2, b.y2) - Math.max(y1, b.y1);
        }
      }
    }
    return count;
  };
  const length = points => points.slice(1).reduce((sum, q, i) => sum + Math.abs(q.x - points[i].x)
    + Math.abs(q.y - points[i].y), 0);
  for (const e of loops) {
    const from = Math.min(e.u.layer, e.v.layer) + 1;
    const to = Math.max(e.u.layer, e.v.layer) - 1;
    const blocked = [];
    for (let l = from; l <= to; l++) blocked.push(...occupied(l).map(o => [o.top, o.bottom]));
    const free = y => !blocked.some(([a, b]) => y >= a && y <= b)
      && !corridorsUsed.some(c => c.from <= to && c.to >= from && Math.abs(c.y - y) < 12);
    const used = corridorsUsed.filter(c => c.from <= to && c.to >= from).length;
    const gapLeftOfU = (e.u.layer > 0 ? columns[e.u.layer].x : 0) - 14 - 8 * (gapUse.get(`L${e.u.layer}`) || 0);
    const gapRightOfV = columns[e.v.layer].x + columns[e.v.layer].width + 14 + 8 * (gapUse.get(`R${e.v.layer}`) || 0);
    const candidates = [];
    for (const uBelow of [true, false]) {
      for (const vBelow of [true, false]) {
        const su = e.boundary ? { port: placeBoundary(e.u, e.boundary).y + 36, beyond: bottomOf(e.u) + 12 }
          : uBelow ? { port: e.u.y + e.u.h, beyond: bottomOf(e.u) + 12 } : { port: e.u.y, beyond: topOf(e.u) - 12 };
        const sv = vBelow ? { port: e.v.y + e.v.h, beyond: bottomOf(e.v) + 12 } : { port: e.v.y, beyond: topOf(e.v) - 12 };
        const ux = e.boundary ? placeBoundary(e.u, e.boundary).x + 18 : e.u.x + e.u.w / 2 + (e.u === e.v ? -15 : 0);
        const vx = e.v.x + e.v.w / 2 + (e.u === e.v ? 15 : 0);
        const middle = Math.round((su.beyond + sv.beyond) / 2);
        const corridors = [overall.top - 16 - 12 * used, overall.bottom + 16 + 12 * used];
        for (let d = 0; d < 4000; d += 4) {
          if (free(middle + d)) { corridors.push(middle + d); break; }
        }
        for (let d = 0; d < 4000; d += 4) {
          if (free(middle - d)) { corridors.push(middle - d); break; }
        }
        for (const y of corridors) {
          const points = e.u.layer === e.v.layer
            ? [{ x: ux, y: su.port }, { x: ux, y: su.beyond }, { x: vx, y: su.beyond }, { x: vx, y: sv.port }]
            : [{ x: ux, y: su.port }, { x: ux, y: su.beyond }, { x: gapLeftOfU, y: su.beyond },
              { x: gapLeftOfU, y }, { x: gapRightOfV, y }, { x: gapRightOfV, y: sv.beyond }, { x: vx, y: sv.beyond },
              { x: vx, y: sv.port }];
          const taken = (it, below) => (it.ports && it.ports.has(below ? 'bottom' : 'top') ? 50000 : 0);
          candidates.push({ points, y, uBelow, vBelow,
            cost: hits(points, e) * 1000 + taken(e.u, uBelow) + taken(e.v, vBelow) + length(points) });
          if (e.u.layer === e.v.layer) break;
        }
      }
    }
    candidates.sort((p, q) => p.cost - q.cost);
    const chosen = candidates[0];
    (e.u.ports ||= new Set()).add(chosen.uBelow ? 'bottom' : 'top');
    (e.v.ports ||= new Set()).add(chosen.vBelow ? 'bottom' : 'top');
    corridorsUsed.push({ from, to, y: chosen.y });
    nextInGap(`L${e.u.layer}`);
    nextInGap(`R${e.v.layer}`);
    routed.push({ flow: e.flow, waypoints: simplify(chosen.points) });
  }

  // shapes
  const shapes = [];
  let bottom = 0;
  let right = 0;
  for (const it of all) {
    const shape = { element: it.element, x: it.x, y: it.y, w: it.w, h: it.h };
    if (it.label) {
      shape.label = is(it.element, 'bpmn:Gateway')
        ? { x: Math.round(it.x + it.w / 2 - 8 - it.label.w), y: it.y - it.label.h + 4, ...it.label }
        : { x: Math.round(it.x + it.w / 2 - it.label.w / 2), y: it.y + it.h + 4, ...it.label };
    }
    shapes.push(shape);
    if (it.inner) {
      const dx = it.x + PAD;
      const dy = it.y + TITLE;
      shape.expanded = true;
      shapes.push(...it.inner.shapes.map(s => offsetShape(s, dx, dy)));
      routed.push(...it.inner.edges.map(r => ({ ...r, waypoints: r.waypoints.map(p => ({ x: p.x + dx, y: p.y + dy })),
        label: r.label && { ...r.label, x: r.label.x + dx, y: r.label.y + dy } })));
    }
    for (const b of it.boundaries || []) {
      const pos = placeBoundary(it, b);
      const boundaryShape = { element: b, x: pos.x, y: pos.y, w: 36, h: 36 };
      if (b.name) {
        const box = labelBox(b.name, 96);
        boundaryShape.label = { x: pos.x + 24, y: pos.y + 38, ...box };
      }
      shapes.push(boundaryShape);
    }
    bottom = Math.max(bottom, it.y + it.h + it.below);
    right = Math.max(right, it.x + Math.max(it.w, it.colW));
  }
  // event sub-processes below the flow, side by side (from the left of their stage's band)
  let ex = 0;
  const ey = bottom + 50;
  const bandX = new Map();
  for (const { sub, inner, w, h, stage } of subs) {
    if (stage !== null) {
      const band = bands[stage];
      ex = bandX.get(band) ?? columns[band.first].x;
      bandX.set(band, ex + w + 40);
    }
    shapes.push({ element: sub, x: ex, y: ey, w, h, expanded: true });
    shapes.push(...inner.shapes.map(s => offsetShape(s, ex + PAD, ey + TITLE)));
    routed.push(...inner.edges.map(r => ({ ...r, waypoints: r.waypoints.map(p => ({ x: p.x + ex + PAD, y: p.y + ey + TITLE })) })));
    ex += w + 40;
    bottom = Math.max(bottom, ey + h);
    right = Math.max(right, ex);
  }
  for (const r of routed) {
    if (!r.label && r.flow.name) r.label = flowLabel(r.flow.name, r.waypoints);
  }
  for (const r of routed) {
    for (const p of r.waypoints) bottom = Math.max(bottom, p.y + 10);
  }
  // the stages' bands: from the gap before a stage's first column to the gap after its last, above and below all
  const groups = [];
  if (bands.length) {
    const ys = [...shapes.flatMap(s => [s.y, s.label ? s.label.y : s.y]),
      ...routed.flatMap(r => [...r.waypoints.map(p => p.y), r.label ? r.label.y : Infinity])];
    const top = Math.min(...ys) - 14 - 2 * LINE_H;
    for (const band of bands) {
      if (band.first === null) continue;
      const x1 = columns[band.first].x - Math.round(GAP_X / 2) + 4;
      const x2 = columns[band.last].x + columns[band.last].width + Math.round(GAP_X / 2) - 4;
      const label = labelBox(band.stage.name, Math.max(60, x2 - x1 - 20));
      groups.push({ stage: band.stage, x: x1, y: top, w: x2 - x1, h: bottom + 20 - top,
        label: { x: x1 + 10, y: top + 8, ...label } });
    }
  }
  return { width: right, height: bottom, shapes, edges: routed, groups };
}

function placeBoundary(host, boundary) {
  const list = host.boundaries || [boundary];
  const k = list.indexOf(boundary);
  // one event in the middle of the bottom edge; several spread from corner to corner, so that two 36-wide events on
  // a 100-wide task keep apart
  const x = list.length === 1 ? host.x + host.w / 2 - 18
      : host.x + 4 + (host.w - 44) * k / (list.length - 1);
  return { x: Math.round(x), y: host.y + host.h - 18 };
}

function offsetShape(s, dx, dy) {
  return { ...s, x: s.x + dx, y: s.y + dy, label: s.label && { ...s.label, x: s.label.x + dx, y: s.label.y + dy } };
}

function simplify(points) {
  const out = [];
  for (const p of points.map(q => ({ x: Math.round(q.x), y: Math.round(q.y) }))) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2];
      if ((a.x === last.x && last.x === p.x) || (a.y === last.y && last.y === p.y)) out.pop();
    }
    out.push(p);
  }
  return out;
}

/** A flow's name beside its first segment, next to where it leaves its source. */
function flowLabel(name, waypoints) {
  const box = labelBox(name, 110);
  const [a, b] = waypoints;
  if (a.x === b.x) {
    return b.y > a.y ? { x: a.x + 5, y: a.y + 4, ...box } : { x: a.x + 5, y: a.y - 4 - box.h, ...box };
  }
  return { x: a.x + 6, y: a.y - box.h - 3, ...box };
}

// ------------------------------------------------------------------------------------------------------------------
// the diagram as XML, spliced into the file

const esc = s => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function diagramXml(process, layout, indent) {
  const i1 = indent;
  const i2 = indent + '  ';
  const i3 = i2 + '  ';
  const i4 = i3 + '  ';
  const lines = [`${i1}<bpmndi:BPMNDiagram id="${esc(process.id)}_diagram">`,
    `${i2}<bpmndi:BPMNPlane id="${esc(process.id)}_plane" bpmnElement="${esc(process.id)}">`];
  const bounds = (b, ind) => `${ind}<dc:Bounds x="${Math.round(b.x)}" y="${Math.round(b.y)}" width="${Math.round(b.w)}" height="${Math.round(b.h)}" />`;
  // the stages' bands first, so that the flow is drawn over them
  for (const g of layout.groups || []) {
    lines.push(`${i3}<bpmndi:BPMNShape id="${esc(groupId(process, g.stage))}_di" bpmnElement="${esc(groupId(process, g.stage))}">`);
    lines.push(bounds(g, i4));
    lines.push(`${i4}<bpmndi:BPMNLabel>`, bounds(g.label, i4 + '  '), `${i4}</bpmndi:BPMNLabel>`);
    lines.push(`${i3}</bpmndi:BPMNShape>`);
  }
  for (const s of layout.shapes) {
    const expanded = s.expanded ? ' isExpanded="true"' : '';
    lines.push(`${i3}<bpmndi:BPMNShape id="${esc(s.element.id)}_di" bpmnElement="${esc(s.element.id)}"${expanded}>`);
    lines.push(bounds(s, i4));
    if (s.label) lines.push(`${i4}<bpmndi:BPMNLabel>`, bounds(s.label, i4 + '  '), `${i4}</bpmndi:BPMNLabel>`);
    lines.push(`${i3}</bpmndi:BPMNShape>`);
  }
  for (const r of layout.edges) {
    lines.push(`${i3}<bpmndi:BPMNEdge id="${esc(r.flow.id)}_di" bpmnElement="${esc(r.flow.id)}">`);
    for (const p of r.waypoints) lines.push(`${i4}<di:waypoint x="${p.x}" y="${p.y}" />`);
    if (r.label) lines.push(`${i4}<bpmndi:BPMNLabel>`, bounds(r.label, i4 + '  '), `${i4}</bpmndi:BPMNLabel>`);
    lines.push(`${i3}</bpmndi:BPMNEdge>`);
  }
  lines.push(`${i2}</bpmndi:BPMNPlane>`, `${i1}</bpmndi:BPMNDiagram>`);
  return lines.join('\n');
}

// the stages as model elements: a category with one value per stage (a root element, before the process) and a
// group per stage (the process's last elements); both written by this script only, found again by their ids
const groupId = (process, stage) => `stage-${stage.id}`;
const categoryId = process => `${process.id}-stages`;

function stagesXml(process, stages, prefix, indent) {
  const i2 = indent + '  ';
  const category = [`${indent}<${prefix}category id="${esc(categoryId(process))}">`,
    ...stages.map(st => `${i2}<${prefix}categoryValue id="${esc(groupId(process, st))}-name" value="${esc(st.name)}"/>`),
    `${indent}</${prefix}category>`].join('\n');
  const groups = stages.map(st => `${i2}<${prefix}group id="${esc(groupId(process, st))}" categoryValueRef="${esc(groupId(process, st))}-name"/>`)
    .join('\n');
  return { category, groups };
}

const NAMESPACES = {
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
};

export async function relayout(text) {
  // the diagram goes, whatever prefix it was written with
  let stripped = text.replace(/\n?[ \t]*<([\w-]+:)?BPMNDiagram\b[\s\S]*?<\/\1BPMNDiagram>/g, '');
  const definitions = stripped.match(/<([\w-]+:)?definitions\b[^>]*>/);
  if (!definitions) throw new Error('no definitions element');
  const prefix = definitions[1] || '';
  let start = definitions[0];
  const missing = [];
  for (const [name, uri] of Object.entries(NAMESPACES)) {
    const declared = start.match(new RegExp(`xmlns:([\\w-]+)="${uri.replace(/[./]/g, '\\$&')}"`));
    if (declared && declared[1] !== name) throw new Error(`namespace ${uri} is declared as ${declared[1]}, expected ${name}`);
    if (!declared) missing.push(`xmlns:${name}="${uri}"`);
  }
  if (missing.length) {
    const indentMatch = start.match(/\n([ \t]+)xmlns:/);
    const sep = indentMatch ? `\n${indentMatch[1]}` : ' ';
    start = start.replace(/(xmlns:[\w-]+="[^"]*")/, `$1${sep}${missing.join(sep)}`);
  }
  stripped = stripped.replace(definitions[0], start);

  // the stages' groups and category go too: they are written again below from the table
  stripped = stripped.replace(new RegExp(`\\n?[ \\t]*<${prefix}category id="[^"]*-stages">[\\s\\S]*?</${prefix}category>`, 'g'), '')
    .replace(new RegExp(`\\n?[ \\t]*<${prefix}group id="stage-[^"]*"[^>]*/>`, 'g'), '');

  const moddle = new BpmnModdle();
  const { rootElement } = await moddle.fromXML(stripped);
  const processes = rootElement.rootElements.filter(e => is(e, 'bpmn:Process'));
  if (rootElement.rootElements.some(e => is(e, 'bpmn:Collaboration'))) {
    throw new Error('collaborations (pools) are not laid out by this script');
  }
  const indent = (stripped.match(/\n([ \t]+)<[\w-]*:?process\b/) || [, '  '])[1];
  for (const p of processes.filter(p => STAGES[p.id])) {
    const { category, groups } = stagesXml(p, STAGES[p.id], prefix, indent);
    const open = new RegExp(`(\\n)([ \\t]*<${prefix}process\\b[^>]*\\bid="${p.id}")`);
    const close = new RegExp(`(<${prefix}process\\b[^>]*\\bid="${p.id}"[\\s\\S]*?)(\\n[ \\t]*</${prefix}process>)`);
    if (!open.test(stripped) || !close.test(stripped)) throw new Error(`process ${p.id} not found in the text`);
    stripped = stripped.replace(open, `$1${category}\n$2`).replace(close, `$1\n${groups}$2`);
  }
  const diagrams = processes.map(p => diagramXml(p, layoutContainer(p, STAGES[p.id] || null), indent)).join('\n');
  const close = new RegExp(`\\n?</${prefix}definitions>\\s*$`);
  if (!close.test(stripped)) throw new Error('no closing definitions tag at the end');
  return stripped.replace(close, `\n${diagrams}\n</${prefix}definitions>\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const files = args.filter(a => a !== '--check');
  let stale = 0;
  for (const file of files.length ? files : DEFAULT_FILES) {
    const text = readFileSync(file, 'utf8');
    const laidOut = await relayout(text);
    if (check) {
      if (laidOut !== text) {
        console.error(`${file}: its diagram is not the one this script draws; run node layout-bpmn.mjs`);
        stale++;
      }
    } else {
      writeFileSync(file, laidOut);
      console.log(`laid out ${file}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
