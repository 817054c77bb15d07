import { talkdeskContractSuite } from './suites/talkdesk.suite.js';

talkdeskContractSuite();
