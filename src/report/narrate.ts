/** Plain sentences for what happened in a run: used by `plenary trace`, the trainer's log and debriefs. */
import type { Model } from '../floor/model';
import type { RunEvent } from '../engine/plenaryRun';
import { STANCES } from '../rules/types';
import { listOf } from '../common/suggest';
import { outcomeLabel } from '../engine/summarize';

const WHY = { soften: 'moved in consultations', pressure: 'under observer pressure', bloc: 'following its bloc', concession: 'after the concession', 'stands-aside': 'stands aside rather than block alone', compromise: 'toward the compromise' } as const;

export function chairName(model: Model): string {
  const chair = model.scenario.meeting.chair;
  const index = chair === undefined ? -1 : model.ids.indexOf(chair);
  return index >= 0 ? `The Chair (${model.names[index]})` : 'The Chair';
}

function floorSummary(model: Model, stances: Uint8Array): string {
  const counts = [0, 0, 0, 0];
  const objectors: string[] = [];
  for (let i = 0; i < model.size; i++) {
    if (model.voting[i] === 0) continue;
    counts[stances[i]]++;
    if (stances[i] === 3) objectors.push(model.names[i]);
  }
  const parts = STANCES.map((s, k) => `${counts[k]} ${s}`).join(', ');
  return `${parts}.${objectors.length > 0 ? ` Objecting: ${listOf(objectors, 12)}.` : ''}`;
}

/** One sentence (or a few) per event. */
export function narrate(model: Model, event: RunEvent): string[] {
  const chair = chairName(model);
  const optionName = (o: number) => model.options[o]?.name ?? `option ${o}`;
  switch (event.kind) {
    case 'chair':
      switch (event.event.type) {
        case 'TABLE':
          return [`${chair} tables: ${optionName(event.event.option)}.`];
        case 'CALL_FOR_CONSENSUS':
          return [`${chair} calls for consensus.`];
        case 'CALL_VOTE':
          return [`${chair} puts the option to a vote.`];
        case 'CONSULT':
          return [`${chair} opens consultations.`];
        case 'OFFER_CONCESSION':
          return [`${chair} opens consultations and offers a concession.`];
        case 'EXTEND':
          return [`${chair} extends the time for the item within the session.`];
        case 'DEFER':
          return [`${chair} defers the item (to an intersessional or written procedure).`];
        case 'CLOSE':
          return [`${chair} closes the item without a decision.`];
        default:
          return [];
      }
    case 'tabled':
      return [`The floor on "${optionName(event.option)}": ${floorSummary(model, event.stances)}`];
    case 'round': {
      const concession = event.concession ? model.options[event.option].concessions.filter((c) => c.round === event.round).map((c) => c.name) : [];
      const lines = [`Consultations, round ${event.round}${concession.length > 0 ? ` — concession offered: ${concession.join('; ')}` : ''}.`];
      const moves = event.moves.map((m) => `${model.names[m.member]} ${STANCES[m.from]} → ${STANCES[m.to]} (${WHY[m.why]})`);
      lines.push(moves.length > 0 ? `  Moves: ${listOf(moves, 15)}.` : '  Nobody moves.');
      lines.push(`  Now: ${floorSummary(model, event.stances)}`);
      return lines;
    }
    case 'check': {
      const verdict = event.passed ? 'passes' : 'fails';
      const who = event.objectors.length > 0 && !event.passed ? ` Objecting: ${listOf(event.objectors.map((i) => model.names[i]), 12)}.` : '';
      return [`  The ${event.check === 'vote' ? 'vote' : 'call for consensus'} ${verdict}: ${event.explanation}.${who}`];
    }
    case 'end':
      return [`Outcome: ${outcomeLabel(model, model.outcomes[event.outcome])}, after ${event.hours} h on the item.`];
  }
}
