// The throttling plugin imports Bottleneck's light build (no Redis clustering); so does github.ts, to
// give the plugin a write limiter with another spacing. The package types only its full build.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
