/** Plain sentences for what happened in a run: used by `plenary trace`, the trainer's log and debriefs. */
import type { Model } from '../floor/model';
import type { RunEvent } from '../engine/plenaryRun';
import { STANCES } from '../rules/types';
import { listOf } from '../common/suggest';
import { outcomeLabel } from '../engine/summarize';
import type { InstrumentEvent } from '../engine/instruments';
import { ACT_ENDS_ITEM } from '../procedure/machine';

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
  const written = model.rule.mode === 'written';
  switch (event.kind) {
    case 'chair':
      switch (event.event.type) {
        case 'TABLE':
          return [written ? `${chair} circulates under a written procedure: ${optionName(event.event.option)} (silence is consent).` : `${chair} tables: ${optionName(event.event.option)}.`];
        case 'DRAFT':
          return [`${chair} drafts a compromise text on the floor: ${optionName(event.event.option)}.`];
        case 'DECLARE':
          return [`${chair} declares: ${optionName(event.event.option)}. It stands unless a participant objects.`];
        case 'CONVENE_FRIENDS':
          return [`${chair} convenes the friends of the Chair to negotiate the text.`];
        case 'REFER':
          return [`${chair} refers the item to ${model.scenario.procedure.referral?.to === 'written-procedure' ? 'a written procedure after the meeting' : 'an intersessional meeting'}.`];
        case 'CALL_FOR_CONSENSUS':
          return [written ? 'The circulation period ends: the replies are counted.' : `${chair} calls for consensus.`];
        case 'CALL_VOTE':
          return [`${chair} puts the option to a vote.`];
        case 'CONSULT':
          return [`${chair} opens consultations.`];
        case 'OFFER_CONCESSION':
          return [`${chair} opens consultations and offers a concession.`];
        case 'EXTEND':
          return [`${chair} extends the time for the item within the session.`];
        case 'DEFER':
          return [`${chair} defers the item to a later meeting.`];
        case 'CLOSE':
          return [`${chair} closes the item without a decision.`];
        default:
          return [];
      }
    case 'tabled':
      return [written ? `Replies on "${optionName(event.option)}": ${replySummary(model, event.stances)}` : `The floor on "${optionName(event.option)}": ${floorSummary(model, event.stances)}`];
    case 'instrument':
      return narrateInstrument(model, event.event);
    case 'round': {
      const concession = event.concession ? model.options[event.option].concessions.filter((c) => c.round === event.round).map((c) => c.name) : [];
      const lines = [`Consultations, round ${event.round}${concession.length > 0 ? ` — concession offered: ${concession.join('; ')}` : ''}.`];
      const moves = event.moves.map((m) => `${model.names[m.member]} ${STANCES[m.from]} → ${STANCES[m.to]} (${WHY[m.why]})`);
      lines.push(moves.length > 0 ? `  Moves: ${listOf(moves, 15)}.` : '  Nobody moves.');
      lines.push(`  Now: ${floorSummary(model, event.stances)}`);
      return lines;
    }
    case 'check': {
      if (event.quorum === true) return [`  No quorum: ${event.explanation}; no decision can be taken.`];
      if (event.declaration === true) {
        const who = event.objectors.length > 0 ? ` Objecting: ${listOf(event.objectors.map((i) => model.names[i]), 12)}.` : '';
        return [event.passed ? "  No participant objects: the Chair's declaration stands." : `  The Chair's declaration does not stand: ${event.explanation}.${who}`];
      }
      if (written && event.check === 'consensus') {
        const who = event.objectors.length > 0 ? ` Objecting: ${listOf(event.objectors.map((i) => model.names[i]), 12)}.` : '';
        return [event.passed ? `  No objection within the period: adopted under the written procedure (${event.explanation}).` : `  Written objections: the text is not adopted (${event.explanation}).${who}`];
      }
      const verdict = event.passed ? 'passes' : 'fails';
      const who = event.objectors.length > 0 && !event.passed ? ` Objecting: ${listOf(event.objectors.map((i) => model.names[i]), 12)}.` : '';
      return [`  The ${event.check === 'vote' ? 'vote' : 'call for consensus'} ${verdict}: ${event.explanation}.${who}`];
    }
    case 'end': {
      const how = event.settledBy === 'declaration' ? '' : event.settledBy === 'act' ? ' (by a voluntary act)' : event.deferredBy === 'chair' ? " (by the Chair's choice)" : '';
      const label = event.deferredBy === 'chair' ? 'Deferred' : outcomeLabel(model, model.outcomes[event.outcome]);
      return [`Outcome: ${label}${how}, after ${event.hours} h on the item.`];
    }
  }
}

/** Replies to a written procedure: who objected in writing; the others stayed silent (consent) or replied. */
function replySummary(model: Model, stances: Uint8Array): string {
  let objecting = 0;
  let silent = 0;
  const objectors: string[] = [];
  for (let i = 0; i < model.size; i++) {
    if (model.voting[i] === 0 || stances[i] > 3) continue;
    if (stances[i] === 3) {
      objecting++;
      objectors.push(model.names[i]);
    } else silent++;
  }
  return `${objecting} object in writing, ${silent} stay silent or reply in support.${objectors.length > 0 ? ` Objecting: ${listOf(objectors, 12)}.` : ''}`;
}

function narrateInstrument(model: Model, event: InstrumentEvent): string[] {
  const names = (members: readonly number[]) => listOf(members.map((m) => model.names[m]), 12);
  switch (event.kind) {
    case 'attendance':
      return [event.absent.length === 0 ? 'Attendance: everyone expected attends.' : `Attendance: ${event.absent.length} of those expected do not attend (${names(event.absent)}).`];
    case 'walkout':
      return [`${names(event.members)} walk${event.members.length === 1 ? 's' : ''} out of the room: from now on ${event.members.length === 1 ? 'it neither decides nor presses' : 'they neither decide nor press'}.`];
    case 'act': {
      const act = model.scenario.voluntaryActs[event.act];
      const ending =
        event.ends >= 0 ? ` The item ends: ${outcomeLabel(model, model.outcomes[event.ends])}.` : event.ends === ACT_ENDS_ITEM ? ' The item ends without a decision.' : '';
      const moves = event.moves.map((m) => `${model.names[m.member]} ${STANCES[m.from]} → ${STANCES[m.to]}`);
      return [`Voluntary act: ${act?.name ?? 'a participant acts'}.${ending}${moves.length > 0 ? ` Moves: ${listOf(moves, 15)}.` : ''}`];
    }
    case 'friends': {
      const inGroup = new Set(event.members);
      const moves = event.moves.map((m) => `${model.names[m.member]} ${STANCES[m.from]} → ${STANCES[m.to]} (${WHY[m.why]})`);
      const group = event.members.map((m) => `${model.names[m]} ${event.stances[m] <= 3 ? STANCES[event.stances[m]] : 'absent'}`);
      const rest = new Uint8Array(event.stances);
      const others = { ...model, voting: model.voting.map((v, i) => (inGroup.has(i) ? 0 : v)) } as Model;
      return [
        `The friends of the Chair (${names(event.members)}) negotiate the text${event.rounds > 1 ? ` for ${event.rounds} rounds` : ''}.${moves.length > 0 ? ` Moves: ${listOf(moves, 15)}.` : ' Nobody in the group moves.'}`,
        `  The group reports: ${listOf(group, 12)}.`,
        `  The plenary: ${floorSummary(others, rest)}`,
      ];
    }
  }
}
