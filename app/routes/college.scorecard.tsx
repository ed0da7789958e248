export { default, loader, meta } from "./park.scorecard";
