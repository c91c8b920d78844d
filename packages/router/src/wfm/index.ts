/**
 * Workforce management for Switchboard: Erlang C and Erlang A staffing formulas, a
 * Holt–Winters forecast of contacts per interval, a staffing plan and schedule suggestion, and
 * a discrete-event simulator that drives the real routing engine on a manual clock — with a
 * what-if that compares two routing configurations on the same random traffic. Pure: no I/O,
 * no timers; time and randomness come from the scenario's seed.
 *
 * @packageDocumentation
 */
export { WFM_ERRORS, WfmError, isWfmError, type WfmErrorCode } from './wfm-errors.js';
export { MAX_AGENTS, type TrafficInput } from './traffic-input.js';
export type { QueueMetrics } from './queue-metrics.js';
export { erlangB } from './erlang-b.js';
export { queueMetrics, probabilityOfWaiting, serviceLevel, averageSpeedOfAnswer, occupancy } from './erlang.js';
export { agentsRequired, type StaffingInput, type StaffingOutcome } from './agents-required.js';
export { forecast, FORECAST_LIMITS, type ForecastInput, type ForecastResult } from './forecast.js';
export type { Holiday } from './forecast-series.js';
export { staffingPlan, type StaffingPlan, type StaffingPlanInput, type StaffingGroupInput, type GroupPlan } from './staffing-plan.js';
export { suggestSchedule, type ScheduleInput, type ScheduleSuggestion, type ShiftTemplate, type SchedulableAgent, type Coverage } from './schedule.js';
export type { Distribution } from './distributions.js';
export type { Scenario, SimScenario, RoutingSetup, AgentGroup, ContactType, ArrivalSpec, ShiftWindow } from './scenario.js';
export { checkScenario, expectedContacts, SCENARIO_LIMITS } from './scenario-check.js';
export { drawTraffic, type Traffic } from './traffic.js';
export { Simulation, type SimulationOptions } from './simulation.js';
export type { SimulationResult, KpiSeries, IntervalKpis } from './sim-result.js';
export { WhatIf, checkWhatIf, COMPARED, MAX_REPLICATIONS, type WhatIfResult, type KpiDifference, type KpiDifferences, type ComparedKpi } from './what-if.js';
export { studentTQuantile, meanInterval } from './student-t.js';
export { serviceLevelChart } from './svg-chart.js';
