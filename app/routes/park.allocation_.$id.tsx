export { action, default, loader, meta } from "./province.allocation_.$id";
