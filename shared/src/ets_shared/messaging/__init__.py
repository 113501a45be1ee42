"""NATS JetStream plumbing: streams, the outbox relay, consumers with inbox and dead-lettering."""
