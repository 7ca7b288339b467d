import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { CofferApi } from './api.js';

/**
 * The customer's own OpenID Connect provider (Okta, Entra ID, Google, Auth0, Keycloak, ...), with
 * Coffer registered there as a confidential web client whose redirect URI is
 * `{API URL}/auth/callback` and post-logout redirect `{API URL}/`.
 */
export interface SignInProvider {
  /** Issuer URL (https), exactly as in its discovery document. */
  readonly issuer: string;
  /** Coffer's client id at the provider. */
  readonly clientId: string;
  /** ARN of a Secrets Manager secret whose string value is the client secret. */
  readonly clientSecretArn: string;
  /** A public client for `coffer login`, advertised at GET /auth/config. @default - none */
  readonly cliClientId?: string;
  /** Logout URL when the provider has no `end_session_endpoint`. @default - from discovery */
  readonly logoutUrl?: string;
}

export interface CofferSignInProps {
  readonly api: CofferApi;
  readonly stageName: string;
  /**
   * Who signs people in.
   *
   * @default - a Cognito user pool made here: MFA (TOTP) required, no self sign-up, admins invite
   */
  readonly provider?: SignInProvider;
}

/**
 * People's sign-in for the API's browser sessions (docs/SIGN-IN.md): wires the API function to the
 * customer's provider, or, when none is given, creates an Amazon Cognito user pool so a fresh
 * deployment can sign people in. The client secret never enters the environment: the function
 * reads it from Secrets Manager, or from the Cognito app client, at its first sign-in.
 */
export class CofferSignIn extends Construct {
  readonly userPool?: cognito.UserPool;
  readonly webClient?: cognito.UserPoolClient;
  readonly domain?: cognito.UserPoolDomain;
  /** The issuer the API trusts for sign-in. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: CofferSignInProps) {
    super(scope, id);
    const fn = props.api.function;
    const url = props.api.url;
    const env = (name: string, value: string) => fn.addEnvironment(name, value);

    if (props.provider) {
      const p = props.provider;
      if (!p.issuer.startsWith('https://')) throw new Error(`the sign-in issuer must be https: ${p.issuer}`);
      this.issuer = p.issuer;
      secretsmanager.Secret.fromSecretCompleteArn(this, 'ClientSecret', p.clientSecretArn).grantRead(fn);
      env('COFFER_SIGNIN_ISSUER', p.issuer);
      env('COFFER_SIGNIN_CLIENT_ID', p.clientId);
      env('COFFER_SIGNIN_CLIENT_SECRET_ARN', p.clientSecretArn);
      if (p.cliClientId) env('COFFER_SIGNIN_CLI_CLIENT_ID', p.cliClientId);
      if (p.logoutUrl) env('COFFER_SIGNIN_LOGOUT_URL', p.logoutUrl);
      return;
    }

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `coffer-${props.stageName}`,
      // People are invited by an administrator; a secrets service has no public sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `coffer-${props.stageName}-${Stack.of(this).account}` },
    });
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'coffer-web',
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${url}/auth/callback`],
        logoutUrls: [`${url}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(1),
    });
    this.issuer = this.userPool.userPoolProviderUrl;
    env('COFFER_SIGNIN_ISSUER', this.issuer);
    env('COFFER_SIGNIN_CLIENT_ID', this.webClient.userPoolClientId);
    env('COFFER_SIGNIN_COGNITO_USER_POOL_ID', this.userPool.userPoolId);
    // Cognito's discovery document has no end_session_endpoint; its hosted /logout does the same.
    env(
      'COFFER_SIGNIN_LOGOUT_URL',
      `${this.domain.baseUrl()}/logout?client_id=${this.webClient.userPoolClientId}&logout_uri=${url}/`,
    );
    // Exactly one action on exactly this pool: read the app client's generated secret.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cognito-idp:DescribeUserPoolClient'],
        resources: [this.userPool.userPoolArn],
      }),
    );
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Essentials plan keeps a fresh deployment free of per-user threat-protection charges; MFA is ' +
        'required for everyone and self sign-up is off. Switch featurePlan to PLUS to add threat protection.',
    });
  }
}
