import { errorResponse, AppError } from "~/utils/errors.server";

const unknownEndpoint = () =>
  errorResponse(new AppError({ message: "接口不存在", status: 404, code: "not_found" }));

export const loader = unknownEndpoint;
export const action = unknownEndpoint;
