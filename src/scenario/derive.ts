/**
 * A scenario derived from another with some inputs set to other values (a draw of its distributions, a design point
 * of a sensitivity analysis) or with other global parameters (calibration): the point document with the values set,
 * normalised again. The derived scenario keeps the original's input sites and provenance. Pure.
 */
import { withValues, type InputSite, type InputValue } from './inputs';
import { normalize } from './normalize';
import type { ModelParameters, Scenario } from './types';

export function deriveScenario(scenario: Scenario, sites: readonly InputSite[], values: readonly InputValue[], parameters?: ModelParameters): Scenario {
  if (!scenario.document) throw new Error(`scenario "${scenario.id}" carries no document to derive from`);
  const doc = sites.length === 0 ? scenario.document : withValues(scenario.document, sites, values);
  return normalize(doc, scenario.file, { parameters: parameters ?? scenario.parameters, inputs: scenario.inputs, ...(scenario.overrides ? { overrides: scenario.overrides } : {}) });
}
