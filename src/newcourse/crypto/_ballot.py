"""Ballots: credentials, encryption with proofs, the signature, the tracker, Benaloh audits,
and `check_ballot` — the one check the server and the verifier both run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ._election import Credential, Election
from ._elgamal import Ciphertext, encrypt
from ._errors import InvalidBallot, InvalidEncoding, InvalidProof
from ._group import BASE, Point, RandomScalars, Scalar, base_mul, decode_digest, random_scalar
from ._hashing import Field, digest
from ._proofs import Proof, RangeProof, prove_knowledge, prove_range, verify_knowledge, verify_range

CHOICE_TAG = "ballot-choice"
SUM_TAG = "ballot-sum"
SIGNATURE_TAG = "ballot-signature"


@dataclass(frozen=True, slots=True)
class Answer:
    """One question's part of a ballot: a ciphertext and range proof per option, and a proof
    that the ciphertexts' sum lies in [min_marks, max_marks]."""

    choices: tuple[Ciphertext, ...]
    proofs: tuple[RangeProof, ...]
    sum_proof: RangeProof

    def hash_fields(self) -> list[Field]:
        """[[[α, β]…], [[[c, s]…]…], [[c, s]…]]."""
        return [
            [[c.alpha, c.beta] for c in self.choices],
            [[[p.challenge, p.response] for p in proof] for proof in self.proofs],
            [[p.challenge, p.response] for p in self.sum_proof],
        ]


@dataclass(frozen=True, slots=True)
class Ballot:
    """A signed, encrypted ballot as posted to the board."""

    election: bytes
    credential: Point
    answers: tuple[Answer, ...]
    signature: Proof

    def content_digest(self) -> bytes:
        """digest("ballot-content", fingerprint, credential, [answer…]): what is signed."""
        return content_digest(self.election, self.credential, self.answers)

    def tracker(self) -> bytes:
        """digest("tracker", fingerprint, credential, content digest, c, s): shown to the voter."""
        return digest(
            "tracker",
            self.election,
            self.credential,
            self.content_digest(),
            self.signature.challenge,
            self.signature.response,
        )

    def to_json(self) -> dict[str, Any]:
        """The ballot as JSON: every point and scalar as 64 lowercase hex characters."""
        return {
            "election": self.election.hex(),
            "credential": self.credential.hex(),
            "answers": [
                {
                    "choices": [
                        {"alpha": c.alpha.hex(), "beta": c.beta.hex()} for c in answer.choices
                    ],
                    "proofs": [_proof_json(proof) for proof in answer.proofs],
                    "sum_proof": _proof_json(answer.sum_proof),
                }
                for answer in self.answers
            ],
            "signature": {
                "challenge": self.signature.challenge.hex(),
                "response": self.signature.response.hex(),
            },
        }

    @classmethod
    def from_json(cls, data: Any) -> Ballot:
        """Decode strictly: InvalidEncoding for any malformed field, non-canonical point,
        identity element or scalar >= ℓ."""
        try:
            answers = tuple(
                Answer(
                    choices=tuple(
                        Ciphertext(Point.from_hex(c["alpha"]), Point.from_hex(c["beta"]))
                        for c in _list(answer["choices"])
                    ),
                    proofs=tuple(proof_from_json(p) for p in _list(answer["proofs"])),
                    sum_proof=proof_from_json(answer["sum_proof"]),
                )
                for answer in _list(data["answers"])
            )
            signature = data["signature"]
            return cls(
                election=decode_digest(data["election"], "election fingerprint"),
                credential=Point.from_hex(data["credential"]),
                answers=answers,
                signature=Proof(
                    Scalar.from_hex(signature["challenge"]), Scalar.from_hex(signature["response"])
                ),
            )
        except (KeyError, TypeError) as error:
            raise InvalidEncoding(f"malformed ballot: missing or wrong field {error}") from None


def _mark(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**32:
        raise InvalidEncoding("marks must be non-negative integers")
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidEncoding("malformed ballot: expected a list")
    return value


def _proof_json(proof: RangeProof) -> list[dict[str, str]]:
    return [{"challenge": p.challenge.hex(), "response": p.response.hex()} for p in proof]


def proof_from_json(data: object) -> RangeProof:
    """A list of {"challenge", "response"} objects."""
    return tuple(
        Proof(Scalar.from_hex(p["challenge"]), Scalar.from_hex(p["response"])) for p in _list(data)
    )


def content_digest(election: bytes, credential: Point, answers: Sequence[Answer]) -> bytes:
    """digest("ballot-content", fingerprint, credential, [answer.hash_fields()…])."""
    return digest("ballot-content", election, credential, [a.hash_fields() for a in answers])


def credential_generate(
    weight: int = 1, rng: RandomScalars = random_scalar
) -> tuple[Scalar, Credential]:
    """A voter's credential: the private key (sent to the voter apart from their login) and
    the public `Credential` for the published list."""
    secret = rng()
    return secret, Credential(base_mul(secret), weight)


@dataclass(frozen=True, slots=True)
class AuditedBallot:
    """A ballot opened by its voter (Benaloh challenge): the marks and the randomness per
    option. Published, never counted."""

    ballot: Ballot
    marks: tuple[tuple[int, ...], ...]
    randomness: tuple[tuple[Scalar, ...], ...]

    def to_json(self) -> dict[str, Any]:
        """{"ballot", "marks", "randomness"} as stored in the record."""
        return {
            "ballot": self.ballot.to_json(),
            "marks": [list(m) for m in self.marks],
            "randomness": [[r.hex() for r in row] for row in self.randomness],
        }

    @classmethod
    def from_json(cls, data: Any) -> AuditedBallot:
        """Strict decoding (InvalidEncoding on anything malformed)."""
        try:
            marks = tuple(tuple(_mark(m) for m in _list(row)) for row in _list(data["marks"]))
            randomness = tuple(
                tuple(Scalar.from_hex(r) for r in _list(row)) for row in _list(data["randomness"])
            )
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidEncoding(f"malformed audited ballot: {error!r}") from None
        return cls(Ballot.from_json(data["ballot"]), marks, randomness)


def ballot_encrypt(
    *,
    election: Election,
    credential_secret: Scalar,
    marks: Sequence[Sequence[int]],
    rng: RandomScalars = random_scalar,
) -> AuditedBallot:
    """Encrypt, prove and sign a ballot, as the browser does. Returns the ballot with its
    opening; cast `.ballot`, or publish the whole thing to audit it (then never cast it)."""
    questions = election.manifest.questions
    if len(marks) != len(questions):
        raise ValueError("one list of marks per question")
    credential = base_mul(credential_secret)
    answers: list[Answer] = []
    openings: list[tuple[Scalar, ...]] = []
    for q, (question, row) in enumerate(zip(questions, marks, strict=True)):
        if len(row) != len(question.options):
            raise ValueError(f"question {q}: one mark per option")
        if not question.min_marks <= sum(row) <= question.max_marks:
            raise ValueError(f"question {q}: total marks outside [min_marks, max_marks]")
        randomness = tuple(rng() for _ in row)
        choices = tuple(encrypt(election.key, m, r) for m, r in zip(row, randomness, strict=True))
        proofs = tuple(
            prove_range(
                CHOICE_TAG,
                [election.fingerprint, credential, q, o],
                election.key,
                choice,
                m,
                r,
                0,
                question.max_per_option,
                rng,
            )
            for o, (choice, m, r) in enumerate(zip(choices, row, randomness, strict=True))
        )
        total = _sum(choices)
        sum_proof = prove_range(
            SUM_TAG,
            [election.fingerprint, credential, q],
            election.key,
            total,
            sum(row),
            Scalar.reduce(sum(r.value for r in randomness)),
            question.min_marks,
            question.max_marks,
            rng,
        )
        answers.append(Answer(choices, proofs, sum_proof))
        openings.append(randomness)
    body = tuple(answers)
    signed = content_digest(election.fingerprint, credential, body)
    signature = prove_knowledge(
        SIGNATURE_TAG, [election.fingerprint, signed], BASE, credential, credential_secret, rng
    )
    ballot = Ballot(election.fingerprint, credential, body, signature)
    return AuditedBallot(ballot, tuple(tuple(row) for row in marks), tuple(openings))


def _sum(choices: Sequence[Ciphertext]) -> Ciphertext:
    total = choices[0]
    for choice in choices[1:]:
        total = total + choice
    return total


def check_ballot(election: Election, ballot: Ballot | Any) -> Ballot:
    """Everything the verifier checks about one ballot, for the server to run before it
    accepts: strict decoding (if given JSON), this election, a listed credential, the shape
    of the manifest, every range proof, every sum proof, the credential signature.

    Returns the decoded ballot; raises InvalidEncoding, InvalidBallot or InvalidProof."""
    if not isinstance(ballot, Ballot):
        ballot = Ballot.from_json(ballot)
    if ballot.election != election.fingerprint:
        raise InvalidBallot("ballot is for another election (fingerprint differs)")
    if ballot.credential.encoded not in election.weights:
        raise InvalidBallot("credential is not on the published list")
    questions = election.manifest.questions
    if len(ballot.answers) != len(questions):
        raise InvalidBallot("wrong number of answers")
    fp, credential, key = election.fingerprint, ballot.credential, election.key
    for q, (question, answer) in enumerate(zip(questions, ballot.answers, strict=True)):
        if not len(answer.choices) == len(answer.proofs) == len(question.options):
            raise InvalidBallot(f"question {q}: wrong number of options")
        for o, (choice, proof) in enumerate(zip(answer.choices, answer.proofs, strict=True)):
            if not verify_range(
                CHOICE_TAG, [fp, credential, q, o], key, choice, 0, question.max_per_option, proof
            ):
                raise InvalidProof(f"question {q} option {o}: range proof does not verify")
        if not verify_range(
            SUM_TAG,
            [fp, credential, q],
            key,
            _sum(answer.choices),
            question.min_marks,
            question.max_marks,
            answer.sum_proof,
        ):
            raise InvalidProof(f"question {q}: sum proof does not verify")
    if not verify_knowledge(
        SIGNATURE_TAG, [fp, ballot.content_digest()], BASE, credential, ballot.signature
    ):
        raise InvalidProof("credential signature does not verify")
    return ballot


def check_audited_ballot(election: Election, audited: AuditedBallot) -> None:
    """An audited ballot must be a valid ballot whose revealed randomness re-encrypts its
    revealed marks to exactly its ciphertexts; InvalidProof otherwise."""
    ballot = check_ballot(election, audited.ballot)
    if len(audited.marks) != len(ballot.answers) or len(audited.randomness) != len(ballot.answers):
        raise InvalidProof("audited ballot: opening has the wrong shape")
    for q, (answer, marks, rs) in enumerate(
        zip(ballot.answers, audited.marks, audited.randomness, strict=True)
    ):
        if not len(marks) == len(rs) == len(answer.choices):
            raise InvalidProof(f"audited ballot: question {q} opening has the wrong shape")
        for o, (choice, m, r) in enumerate(zip(answer.choices, marks, rs, strict=True)):
            if m < 0 or encrypt(election.key, m, r) != choice:
                raise InvalidProof(
                    f"audited ballot: question {q} option {o} does not open to the revealed mark"
                )
