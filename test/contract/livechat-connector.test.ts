import { livechatContractSuite } from './suites/livechat.suite.js';

livechatContractSuite();
