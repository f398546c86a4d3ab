export { describeSkips, rankAvailable, type Workload, type SkipReason, type Ranked } from './rank.js';
export { routeTags, type TagRoute, type RouteTagsInput } from './route-tags.js';
export { pickAgent } from './pick-agent.js';
