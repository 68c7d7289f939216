import { describe, expect, it } from "vitest";
import { inReadingDirection } from "./diagram-direction.ts";

describe("a flowchart in the reader's direction", () => {
  it("Persian: left-to-right flowcharts and their subgraphs run right to left; the rest is kept", () => {
    expect(inReadingDirection("flowchart LR\n  A --> B", "fa")).toBe("flowchart RL\n  A --> B");
    expect(inReadingDirection("graph LR;\n  A --> B", "fa")).toBe("graph RL;\n  A --> B");
    expect(inReadingDirection("%%{init: {'theme':'base'}}%%\n\nflowchart LR\n  subgraph S\n    direction LR\n    a --> b\n  end", "fa")).toBe("%%{init: {'theme':'base'}}%%\n\nflowchart RL\n  subgraph S\n    direction RL\n    a --> b\n  end");
    expect(inReadingDirection("---\ntitle: x\n---\nflowchart LR\n A-->B", "fa")).toBe("---\ntitle: x\n---\nflowchart RL\n A-->B");
    expect(inReadingDirection("flowchart TD\n  A --> B", "fa")).toBe("flowchart TD\n  A --> B");
    expect(inReadingDirection("graph\n  A --> B", "fa")).toBe("graph\n  A --> B");
    // Not a flowchart: a sequence diagram's "direction" words are left alone.
    expect(inReadingDirection("sequenceDiagram\n  A->>B: direction LR", "fa")).toBe("sequenceDiagram\n  A->>B: direction LR");
    // A node named LRx is not a direction.
    expect(inReadingDirection("flowchart LRx", "fa")).toBe("flowchart LRx");
  });

  it("English: as written", () => {
    expect(inReadingDirection("flowchart LR\n  A --> B", "en")).toBe("flowchart LR\n  A --> B");
  });
});
