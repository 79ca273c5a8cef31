// Every benchmark scenario, in the order they run. A new scenario is a module in this folder, added here.
import type { Scenario } from '../types';
import { gridMonthScenario } from './gridMonth';
import { hubPushScenario } from './hubPush';
import { invoiceScenario } from './invoice';
import { pdfScenario } from './pdf';
import { portalRushScenario } from './portalRush';
import { reservationsPatternScenario } from './reservationsPattern';
import { searchScenario } from './search';
import { syncScenario } from './sync';

export const scenarios: readonly Scenario[] = [
  searchScenario,
  invoiceScenario,
  pdfScenario,
  gridMonthScenario,
  reservationsPatternScenario,
  syncScenario,
  hubPushScenario,
  portalRushScenario,
];
