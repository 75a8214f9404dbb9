/**
 * A loaded scenario's model parameters as the one resolver (parameterOverrides.ts) decided them: which --param set
 * and what each replaced, and where any one value comes from. Kept apart from the resolver, which the scenario's
 * types themselves use. Pure.
 */
import type { GlobalParameterName } from './parameters';
import { parametersSet, resolveParameter, type ParameterOrigin, type ParameterSet } from './parameterOverrides';
import type { Scenario } from './types';

/** What a scenario writes in `model:` itself (before the parameters file and --param are applied). */
const writtenModel = (scenario: Pick<Scenario, 'document'>): Readonly<Record<string, unknown>> | undefined => scenario.document?.model as Readonly<Record<string, unknown>> | undefined;

/** The parameters --param set for a loaded scenario (none when it was built without the parameters file). */
export const parametersSetOf = (scenario: Pick<Scenario, 'document' | 'parameters' | 'overrides'>): ParameterSet[] =>
  scenario.parameters ? parametersSet(scenario.overrides, writtenModel(scenario), scenario.parameters) : [];

/** Where a loaded scenario's value of `name` comes from (undefined when it was built without the parameters file). */
export const parameterOrigin = (scenario: Pick<Scenario, 'document' | 'parameters' | 'overrides'>, name: GlobalParameterName): ParameterOrigin | undefined =>
  scenario.parameters ? resolveParameter(name, writtenModel(scenario)?.[name], scenario.parameters, scenario.overrides).origin : undefined;
