/** RTCStatsReport fixtures for component tests (features reach the phone layer through stores). */
export { statsReport, type StatsFixture } from '../../phone/testing/stats-fixtures';
