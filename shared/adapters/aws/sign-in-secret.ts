import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Where the API's sign-in client secret comes from on AWS: a Secrets Manager secret (the
 * customer's own provider) or the Cognito app client itself (the stack's default user pool, whose
 * secret Cognito generates and never shows to CloudFormation). Read at the first sign-in of a
 * cold start, never at import time, and never put in the environment.
 */
export const secretsManagerSecret = (region: string, secretArn: string) => async () => {
  const out = await new SecretsManagerClient({ region }).send(
    new GetSecretValueCommand({ SecretId: secretArn }),
  );
  if (!out.SecretString) throw new Error('the sign-in client secret is empty');
  return out.SecretString;
};

export const cognitoClientSecret = (region: string, userPoolId: string, clientId: string) => async () => {
  const out = await new CognitoIdentityProviderClient({ region }).send(
    new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
  );
  const secret = out.UserPoolClient?.ClientSecret;
  if (!secret) throw new Error('the Cognito app client has no secret');
  return secret;
};
