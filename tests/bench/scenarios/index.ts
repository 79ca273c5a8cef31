// Every benchmark scenario, in the order they run. A new scenario is a module in this folder, added here.
import type { Scenario } from '../types';
import { searchScenario } from './search';

export const scenarios: readonly Scenario[] = [searchScenario];
