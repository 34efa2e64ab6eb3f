package org.assistx.gateway.policy;

/** Nature of the original hukou, which decides urban or rural handling (R3). */
public enum HukouNature { URBAN, RURAL }
