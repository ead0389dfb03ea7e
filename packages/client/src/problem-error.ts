/** A non-2xx answer of the API, carrying its RFC 9457 problem document. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; pointer: string; code: string; message: string }[];
}

export class TesseraApiError extends Error {
  override readonly name = 'TesseraApiError';
  constructor(readonly problem: ProblemDetails) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}
