import EdgeProofCLI
import Foundation

exit(EdgeProof.execute(Array(CommandLine.arguments.dropFirst())))
