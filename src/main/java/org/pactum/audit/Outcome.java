package org.pactum.audit;

public enum Outcome {
    ALLOWED,
    DENIED
}
