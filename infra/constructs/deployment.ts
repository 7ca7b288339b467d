import { Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface CanaryDeploymentProps {
  /** The alias the API invokes. */
  readonly alias: lambda.Alias;
  /** Alarms that stop the rollout and move the alias back to the previous version. */
  readonly rollbackAlarms: cloudwatch.IAlarm[];
  /**
   * How traffic moves to a new version.
   *
   * @default LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES (10% of requests for five minutes,
   * then all of them)
   */
  readonly deploymentConfig?: codedeploy.ILambdaDeploymentConfig;
}

/**
 * Gradual rollout of the API function through CodeDeploy. Each `cdk deploy` that changes the code
 * publishes a new version; CodeDeploy sends part of the alias's traffic to it, and if a rollback
 * alarm fires (or the deployment fails or is stopped) it points the alias back at the old version.
 */
export class CanaryDeployment extends Construct {
  readonly group: codedeploy.LambdaDeploymentGroup;

  constructor(scope: Construct, id: string, props: CanaryDeploymentProps) {
    super(scope, id);
    this.group = new codedeploy.LambdaDeploymentGroup(this, 'Group', {
      alias: props.alias,
      deploymentConfig: props.deploymentConfig ?? codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: props.rollbackAlarms,
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    Validations.of(this.group).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        'CodeDeploy needs this AWS-maintained policy to shift Lambda alias traffic and read alarms; ' +
        'it is the narrowest AWS policy for Lambda deployments and AWS keeps it in step with the service.',
    });
  }
}
