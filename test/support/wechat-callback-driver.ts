// The driver lives in src/simulator, where the simulator plays WeChat with it too.
export * from '../../src/simulator/wechat-callback-driver.ts';
