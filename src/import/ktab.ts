/**
 * `plenary import ktab`: a KTAB spatial-model CSV (KAPSARC Toolkit for Behavioral Analysis, SMP) as a plenary
 * scenario. The CSV gives, on its first line, the scenario name, a description, the number of actors and of
 * dimensions; on its second a header; then one row per actor: Actor, Description, Influence (or Power), and per
 * dimension Position and Salience (0..100). KTAB knows nothing of options, a status quo, a rule or a procedure, so the
 * importer assumes them and says so (`assumptions`, also written at the top of the YAML). Pure: text in, text out.
 */
import { stringify } from 'yaml';
import { UserError } from '../common/errors';
import { problemsMessage } from '../scenario/problems';

export interface KtabActor {
  readonly id: string;
  readonly actor: string;
  readonly description: string;
  readonly influence: number;
  /** per dimension: position and salience (0..100) */
  readonly positions: readonly { readonly position: number; readonly salience: number }[];
  /** 1-based line in the CSV */
  readonly line: number;
}

export interface KtabScenario {
  readonly name: string;
  readonly description: string;
  readonly dimensions: readonly { readonly id: string; readonly name: string }[];
  readonly actors: readonly KtabActor[];
  /** what had to be adjusted to fit plenary's scales (e.g. a salience above 100) */
  readonly adjustments: readonly string[];
}

export interface KtabImport {
  readonly yaml: string;
  /** every assumption the importer made, one sentence each */
  readonly assumptions: readonly string[];
  readonly scenario: KtabScenario;
}

/** One CSV line as fields: commas separate, double quotes group (a doubled quote inside is a quote), fields trimmed. */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  // KTAB rows end with a comma: drop empty trailing fields
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  return fields;
}

/** A plenary id from a name: lower-case letters, digits and dashes. */
export function slug(text: string, fallback: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s === '' ? fallback : s;
}

/** "Policy Position" → "Policy"; "Pstn1" → "Dimension 1". */
function dimensionName(header: string, index: number): string {
  const name = header.replace(/\s*(position|pstn)\s*\d*\s*$/i, '').trim();
  return name === '' ? `Dimension ${index + 1}` : name;
}

export function parseKtabCsv(text: string, file = '<ktab>'): KtabScenario {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows = lines.map((line, i) => ({ line: i + 1, fields: csvFields(line) })).filter((r) => r.fields.length > 0);
  const problems: string[] = [];
  const where = (line: number, what: string) => problems.push(`${file}:${line} ${what}`);
  if (rows.length < 2) throw new UserError(`${file}: not a KTAB CSV: it needs a first line (name, description, actor count, dimension count), a header and one row per actor`);
  const [first, header, ...body] = rows;
  const count = (value: string | undefined, what: string): number => {
    const n = Number(value);
    if (value === undefined || value === '' || !Number.isInteger(n) || n < 1) {
      where(first.line, `${what}: expected a whole number of at least 1 in field ${what === 'actor count' ? 3 : 4} of the first line (name, description, actor count, dimension count), received ${JSON.stringify(value ?? '')}`);
      return 0;
    }
    return n;
  };
  const name = first.fields[0] ?? '';
  const description = first.fields[1] ?? '';
  const actorCount = count(first.fields[2], 'actor count');
  const dimensionCount = count(first.fields[3], 'dimension count');
  if (problems.length > 0) throw new UserError(problems.join('\n'), problems);
  const expectedColumns = 3 + 2 * dimensionCount;
  if (header.fields.length < expectedColumns) {
    where(header.line, `the header has ${header.fields.length} columns; ${dimensionCount} dimension(s) need ${expectedColumns} (Actor, Description, Influence, then Position and Salience per dimension)`);
  }
  const used = new Set<string>();
  const dimensions = Array.from({ length: dimensionCount }, (_, k) => {
    const label = dimensionName(header.fields[3 + 2 * k] ?? '', k);
    let id = slug(label, `dimension-${k + 1}`);
    for (let n = 2; used.has(id); n++) id = `${slug(label, 'dimension')}-${n}`;
    used.add(id);
    return { id, name: label };
  });
  const adjustments: string[] = [];
  const ids = new Set<string>();
  const actors: KtabActor[] = [];
  for (const row of body) {
    const f = row.fields;
    if (f.length < expectedColumns) {
      where(row.line, `expected ${expectedColumns} fields (Actor, Description, Influence, ${dimensions.map((d) => `${d.name} position, ${d.name} salience`).join(', ')}), received ${f.length}`);
      continue;
    }
    const number = (value: string, what: string, min: number, max: number): number => {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n) || n < min || n > max) {
        where(row.line, `${what}: expected a number from ${min} to ${max}, received ${JSON.stringify(value)}`);
        return 0;
      }
      return n;
    };
    const actor = f[0];
    let id = slug(actor, `actor-${actors.length + 1}`);
    for (let n = 2; ids.has(id); n++) id = `${slug(actor, 'actor')}-${n}`;
    ids.add(id);
    const influence = number(f[2], `${actor} influence`, 0, 1e9);
    const positions = dimensions.map((d, k) => {
      const position = number(f[3 + 2 * k], `${actor} ${d.name} position`, 0, 100);
      let salience = number(f[4 + 2 * k], `${actor} ${d.name} salience`, 0, 1000);
      if (salience > 100) {
        adjustments.push(`${file}:${row.line} ${actor}'s salience on ${d.name} is ${salience}, above plenary's 0..100 scale: taken as 100`);
        salience = 100;
      }
      return { position, salience };
    });
    actors.push({ id, actor, description: f[1], influence, positions, line: row.line });
  }
  if (problems.length === 0 && actors.length !== actorCount) {
    where(first.line, `the first line announces ${actorCount} actors but ${actors.length} rows follow`);
  }
  if (problems.length > 0) throw new UserError(problemsMessage(problems, file), problems);
  return { name, description, dimensions, actors, adjustments };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The salience × influence weighted mean position per dimension (the compromise). */
export function ktabCompromise(scenario: KtabScenario): number[] {
  return scenario.dimensions.map((_, k) => {
    let sum = 0;
    let total = 0;
    for (const a of scenario.actors) {
      const w = a.positions[k].salience * a.influence;
      sum += w * a.positions[k].position;
      total += w;
    }
    return round2(total > 0 ? sum / total : 50);
  });
}

export function importKtab(text: string, file = '<ktab>'): KtabImport {
  const parsed = parseKtabCsv(text, file);
  const source = (line: number) => `${file}:${line} (KTAB CSV)`;
  const compromise = ktabCompromise(parsed);
  const assumptions = [
    'the status quo (reversion point) is at 0 on every dimension, the low end of each KTAB scale; KTAB does not give one. Move options[status-quo].positions to where things stand today',
    `one text is tabled: the compromise, the salience x influence weighted mean position (${parsed.dimensions.map((d, k) => `${d.name} ${compromise[k]}`).join(', ')}), the text a chair would draft; add the texts actually on the table`,
    'the rule is consensus; change rule: if the body votes',
    'the procedure is plenary\'s default (24 hours, 1 hour to table, 3 consultation rounds of 2 hours)',
    'Influence (or Power) is each actor\'s clout on every dimension; it does not weigh votes (set weight: for a weighted rule)',
    'every actor is a deciding participant, present, in no bloc; observers and blocs are not in KTAB data',
    'the floor model is spatial (positions against the status quo, costly veto under consensus)',
    ...parsed.adjustments,
  ];
  const id = slug(parsed.name, 'ktab-scenario');
  const doc = {
    id,
    meeting: {
      body: 'Imported from a KTAB spatial-model CSV',
      title: parsed.name || id,
      ...(parsed.description ? { item: parsed.description } : {}),
      source: `${file} (KTAB CSV, first line)`,
    },
    rule: 'consensus',
    ruleSource: 'assumption: KTAB data name no decision rule; consensus assumed',
    procedure: { source: 'assumption: plenary defaults; KTAB data have no procedure' },
    model: { name: 'spatial', source: 'assumption: the spatial model reads the positions KTAB gives' },
    dimensions: parsed.dimensions.map((d) => ({ id: d.id, name: d.name, source: `${file} (KTAB CSV header)` })),
    participants: parsed.actors.map((a) => ({
      id: a.id,
      name: a.description ? `${a.actor}: ${a.description}` : a.actor,
      positions: Object.fromEntries(
        parsed.dimensions.map((d, k) => [d.id, { position: a.positions[k].position, salience: a.positions[k].salience, clout: a.influence, source: source(a.line) }]),
      ),
    })),
    options: [
      {
        id: 'compromise',
        name: 'Compromise text (weighted mean position)',
        positions: Object.fromEntries(parsed.dimensions.map((d, k) => [d.id, compromise[k]])),
        source: 'assumption: the salience x influence weighted mean of the KTAB positions, computed on import',
      },
      {
        id: 'status-quo',
        name: 'Status quo',
        tabled: false,
        positions: Object.fromEntries(parsed.dimensions.map((d) => [d.id, 0])),
        source: 'assumption: KTAB gives no status quo; placed at 0 on every scale',
      },
    ],
    statusQuo: 'status-quo',
  };
  const header = [
    `# ${parsed.name || id}: imported from the KTAB spatial-model CSV ${file} by plenary import ktab.`,
    '#',
    '# What plenary had to assume (KTAB data say nothing of these; edit them before relying on the result):',
    ...assumptions.map((a) => `# - ${a}`),
    '',
  ].join('\n');
  return { yaml: `${header}${stringify(doc, { lineWidth: 0 })}`, assumptions, scenario: parsed };
}
