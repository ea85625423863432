/**
 * The dashboard's resource graph per namespace (SVG, laid out in columns by kind), as script text
 * interpolated into DASHBOARD_SCRIPT's scope: it uses that script's helpers and resource map.
 */
export const DASHBOARD_GRAPH_SCRIPT = `const SVG = 'http://www.w3.org/2000/svg';
// The graph's columns, left to right: load balancer, listener, rule, target group, service, task
// definition, then what a task definition or service points at. Edges come from the views' refs.
const COLUMN = {
  LoadBalancer: 0, Listener: 1, ListenerRule: 2, TargetGroup: 3, Service: 4,
  TaskDefinition: 5, Cluster: 5, ScalableTarget: 5,
  AccessPoint: 6, DiscoveryService: 6, ScalingPolicy: 6, FileSystem: 7, DnsNamespace: 7,
};
const NODE_W = 150;
const NODE_H = 38;
const COL_GAP = 40;
const ROW_GAP = 10;

function svg(tag, attributes, children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
  for (const child of children || []) node.append(child);
  return node;
}

// ---- the resource graph -------------------------------------------------------------------

function columnOf(kind) {
  return Object.prototype.hasOwnProperty.call(COLUMN, kind) ? COLUMN[kind] : 8;
}

// Rows within each column: a node moves toward the mean row of its neighbours in the columns
// already placed (sweeping right, left, right again), so lines cross less. Ties keep kind/name order.
function layOut(columns) {
  columns.forEach((column) => column.forEach((n, i) => { n.row = i; }));
  const sweep = (order, placed) => {
    for (const c of order) {
      const column = columns[c];
      for (const n of column) {
        let sum = 0;
        let count = 0;
        for (const m of n.near) if (placed(m.column, c)) { sum += m.row; count += 1; }
        n.weight = count === 0 ? n.row : sum / count;
      }
      column.sort((a, b) => a.weight - b.weight || a.row - b.row);
      column.forEach((n, i) => { n.row = i; });
    }
  };
  const right = columns.map((_, i) => i).slice(1);
  const left = columns.map((_, i) => i).reverse().slice(1);
  sweep(right, (m, c) => m < c);
  sweep(left, (m, c) => m > c);
  sweep(right, (m, c) => m < c);
}

function graphOf(namespace, members) {
  // Nodes: the namespace's resources, and what they reference that has no status (drawn as ghosts).
  const nodes = new Map();
  for (const r of members) nodes.set(r.identity, { identity: r.identity, kind: r.kind, name: r.name, sync: r.sync, health: r.health, ghost: false });
  const edges = [];
  for (const r of members) {
    for (const target of r.refs || []) {
      if (!nodes.has(target)) {
        const known = resources.get(target);
        const p = parts(target);
        // Drawn in this namespace's graph too: redrawn when its status changes.
        if (p.namespace !== namespace) {
          if (!shownIn.has(target)) shownIn.set(target, new Set());
          shownIn.get(target).add(namespace);
        }
        const label = p.namespace === namespace ? p.name : p.namespace + '/' + p.name;
        nodes.set(target, known
          ? { identity: target, kind: p.kind, name: label, sync: known.sync, health: known.health, ghost: false }
          : { identity: target, kind: p.kind, name: label, sync: 'Unknown', health: 'Missing', ghost: true });
      }
      edges.push([r.identity, target]);
    }
  }
  const used = [...new Set([...nodes.values()].map((n) => columnOf(n.kind)))].sort((a, b) => a - b);
  const place = new Map(used.map((column, i) => [column, i]));
  const columns = used.map(() => []);
  const sorted = [...nodes.values()].sort((a, b) => columnOf(a.kind) - columnOf(b.kind) || byKindThenName(a, b));
  for (const n of sorted) {
    n.column = place.get(columnOf(n.kind));
    n.near = [];
    columns[n.column].push(n);
  }
  for (const [from, to] of edges) {
    nodes.get(from).near.push(nodes.get(to));
    nodes.get(to).near.push(nodes.get(from));
  }
  layOut(columns);
  const rowsInColumn = columns.map((column) => column.length);
  for (const n of sorted) {
    n.x = n.column * (NODE_W + COL_GAP);
    n.y = n.row * (NODE_H + ROW_GAP);
  }
  const width = used.length * (NODE_W + COL_GAP) - COL_GAP;
  const height = Math.max(...rowsInColumn) * (NODE_H + ROW_GAP);
  const paths = [];
  for (const [from, to] of edges) {
    let a = nodes.get(from);
    let b = nodes.get(to);
    if (a.x > b.x) [a, b] = [b, a];
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = a.x === b.x ? b.x + NODE_W : b.x;
    const y2 = b.y + NODE_H / 2;
    let d;
    if (b.column - a.column > 1) {
      // Past the columns between, along the gap under the lower end's row: never behind a node.
      const yg = Math.max(y1, y2) + NODE_H / 2 + ROW_GAP / 2;
      const r = COL_GAP / 2;
      d = 'M' + x1 + ' ' + y1 + ' C' + (x1 + r) + ' ' + y1 + ' ' + (x1 + r) + ' ' + yg + ' ' + (x1 + COL_GAP) + ' ' + yg + ' L' + (x2 - COL_GAP) + ' ' + yg + ' C' + (x2 - r) + ' ' + yg + ' ' + (x2 - r) + ' ' + y2 + ' ' + x2 + ' ' + y2;
    } else {
      const bend = a.x === b.x ? NODE_W / 3 : (x2 - x1) / 2;
      d = 'M' + x1 + ' ' + y1 + ' C' + (x1 + bend) + ' ' + y1 + ' ' + (x2 - (a.x === b.x ? -bend : bend)) + ' ' + y2 + ' ' + x2 + ' ' + y2;
    }
    const path = svg('path', { class: 'edge', d });
    path.dataset.from = a.identity;
    path.dataset.to = b.identity;
    paths.push(path);
  }
  const groups = sorted.map((n) => {
    const name = n.name.length > 19 ? n.name.slice(0, 18) + '…' : n.name;
    const g = svg('g', { class: 'node sync-' + token(n.sync) + ' health-' + token(n.health) + (n.ghost ? ' ghost' : ''), transform: 'translate(' + n.x + ' ' + n.y + ')' }, [
      svg('title'),
      svg('rect', { width: NODE_W, height: NODE_H, rx: 6 }),
      svg('text', { class: 'kind', x: 8, y: 14 }),
      svg('text', { class: 'name', x: 8, y: 30 }),
    ]);
    g.childNodes[0].textContent = n.identity + ' · ' + n.sync + ' · ' + n.health;
    g.childNodes[2].textContent = n.kind;
    g.childNodes[3].textContent = name;
    g.dataset.identity = n.identity;
    return g;
  });
  const picture = svg('svg', { class: 'graph', width: width + 2, height: height + 2, viewBox: '-1 -1 ' + (width + 2) + ' ' + (height + 2), role: 'img' }, [
    svg('g', { class: 'edges' }, paths),
    svg('g', { class: 'nodes' }, groups),
  ]);
  picture.setAttribute('aria-label', 'resources of namespace ' + namespace + ' and their references');
  return el('div', { className: 'graph-frame' }, [picture]);
}
`;
