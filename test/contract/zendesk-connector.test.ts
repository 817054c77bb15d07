import { zendeskContractSuite } from './suites/zendesk.suite.js';

zendeskContractSuite();
