/**
 * The cost model of ../shared/COSTS.md (AWS us-east-1 list prices), per million operations.
 * Lambda is priced at 512 MB on arm64 with the handler time the service reports as its duration,
 * each invocation rounded up to a whole millisecond as Lambda bills it.
 */
export const PRICES = {
  apiGatewayPerMillion: 1.0,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  lambdaMemoryGb: 0.5,
  dynamoReadUnitPerMillion: 0.125,
  dynamoWriteUnitPerMillion: 0.625,
  kmsRequestPerMillion: 3.0,
} as const;

export interface PerOperationUsage {
  /** Whether the operation is an API request (API Gateway + Lambda invocation) at all. */
  readonly viaApi: boolean;
  /** Billed Lambda milliseconds per invocation (already rounded up per invocation). */
  readonly lambdaBilledMs: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly kmsCalls: number;
}

export interface CostBreakdown {
  readonly apiGateway: number;
  readonly lambdaRequests: number;
  readonly lambdaDuration: number;
  readonly dynamoReads: number;
  readonly dynamoWrites: number;
  readonly kms: number;
  readonly total: number;
}

/** Dollars per million operations, by component. */
export const costPerMillion = (u: PerOperationUsage): CostBreakdown => {
  const apiGateway = u.viaApi ? PRICES.apiGatewayPerMillion : 0;
  const lambdaRequests = u.viaApi ? PRICES.lambdaRequestsPerMillion : 0;
  const lambdaDuration = u.viaApi
    ? (u.lambdaBilledMs / 1000) * PRICES.lambdaMemoryGb * PRICES.lambdaArmGbSecond * 1e6
    : 0;
  const dynamoReads = u.readUnits * PRICES.dynamoReadUnitPerMillion;
  const dynamoWrites = u.writeUnits * PRICES.dynamoWriteUnitPerMillion;
  const kms = u.kmsCalls * PRICES.kmsRequestPerMillion;
  return {
    apiGateway,
    lambdaRequests,
    lambdaDuration,
    dynamoReads,
    dynamoWrites,
    kms,
    total: apiGateway + lambdaRequests + lambdaDuration + dynamoReads + dynamoWrites + kms,
  };
};
