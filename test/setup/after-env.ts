// Tests that boot apps and talk to MariaDB and Redis need more than Jest's 5 s default.
jest.setTimeout(60_000);
