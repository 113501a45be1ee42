"""Agreement transfer (协议转让, M-23): a negotiated trade between two named parties, proposed by one (its leg
reserved at once) and confirmed by the other (its leg reserved, the trade executed and sent for settlement), within
+-30 % of the previous close unless at or above the size threshold (M-28(1)); same settlement as open bidding."""
from __future__ import annotations

from ets_shared.clock import regulatory_date
from ets_shared.contracts.exchange import AgreementProposed
from ets_shared.errors import Conflict, Forbidden, RuleViolation
from exchange.adapters.orm import AgreementRow
from exchange.domain.policy import AGREEMENT, TradingRules, to_cents, to_yuan
from exchange.entrypoints.schemas import AgreementPublic
from exchange.service_layer import commands
from exchange.service_layer.matching import record_trade, release_leg
from exchange.service_layer.orders import _account_for_orders, require_holding_room, reserve_or_refuse
from exchange.service_layer.risk import market_rules
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

PROPOSED = "PROPOSED"


def _checked(uow: ExchangeUnitOfWork, rules: TradingRules, product_id: str, price_cents: int, quantity: int) -> None:
    now = uow.now()
    product = uow.trading.product(product_id)
    rules.require_in_session(now)
    rules.require_lot(quantity)
    rules.require_tick(price_cents)
    close = uow.trading.previous_close(product, regulatory_date(now), rules.tick_cents)
    rules.require_agreement_limit(price_cents, quantity, close)


def propose(member_id: str, cmd: commands.ProposeAgreement, uow: ExchangeUnitOfWork) -> AgreementPublic:
    with uow:
        now = uow.now()
        account = _account_for_orders(uow, member_id, cmd.trading_account_id)
        counterparty = uow.trading.account(cmd.counterparty_trading_account_id, "counterparty_trading_account_id")
        if counterparty.member_id == account.member_id:
            raise RuleViolation("both parties trade through the same member: a wash trade (M-24)",
                                field="counterparty_trading_account_id", article="M-24")
        if uow.session.get(AgreementRow, cmd.agreement_id) is not None:
            raise Conflict(f"agreement {cmd.agreement_id} exists", field="agreement_id", article="M-23")
        rules = market_rules(uow, cmd.product_id)
        price = to_cents(commands.yuan(cmd.price))
        _checked(uow, rules, cmd.product_id, price, cmd.quantity)
        product = uow.trading.product(cmd.product_id)
        per_t = rules.buy_reserve_per_t(AGREEMENT, price) if cmd.side == "BUY" else 0
        if cmd.side == "BUY":
            require_holding_room(uow, rules, account, cmd.quantity)
        reserve_or_refuse(uow, account.trading_account_id, cmd.side, product.vintage, cmd.quantity, per_t)
        agreement = AgreementRow(agreement_id=cmd.agreement_id, proposer_account_id=account.trading_account_id,
                                 counterparty_account_id=counterparty.trading_account_id, proposer_side=cmd.side,
                                 product_id=product.product_id, vintage=product.vintage, price_cents=price,
                                 quantity=cmd.quantity, reserve_per_t_cents=per_t, status=PROPOSED, proposed_at=now)
        uow.trading.add(agreement)
        uow.publish(AgreementProposed(agreement_id=agreement.agreement_id,
                                      proposer_trading_account_id=account.trading_account_id,
                                      counterparty_trading_account_id=counterparty.trading_account_id,
                                      proposer_side=cmd.side, product_id=product.product_id, vintage=product.vintage,
                                      price=to_yuan(price), quantity=cmd.quantity, proposed_at=now),
                    subject_ref=f"agreement:{agreement.agreement_id}")
        uow.commit()
    return AgreementPublic.of(agreement)


def _pending(uow: ExchangeUnitOfWork, agreement_id: str, today_only: bool = True) -> AgreementRow:
    """A proposal awaiting its counterparty, made today: one of an earlier trading day has expired (its proposer's
    reservation is released with the day's other expiries, see `orders.expire_stale`)."""
    agreement = uow.trading.agreement(agreement_id)
    if agreement.status != PROPOSED:
        raise Conflict(f"agreement {agreement_id} is {agreement.status}", field="agreement_id", article="M-23")
    if today_only and regulatory_date(agreement.proposed_at) < regulatory_date(uow.now()):
        raise Conflict(f"agreement {agreement_id} was proposed on an earlier trading day and has expired",
                       field="agreement_id", article="M-23")
    return agreement


def confirm(member_id: str, agreement_id: str, uow: ExchangeUnitOfWork) -> AgreementPublic:
    """Only the named counterparty's member confirms; its leg must be covered too, or nothing happens."""
    with uow:
        agreement = _pending(uow, agreement_id)
        counterparty = _account_for_orders(uow, member_id, agreement.counterparty_account_id)
        rules = market_rules(uow, agreement.product_id)
        _checked(uow, rules, agreement.product_id, agreement.price_cents, agreement.quantity)
        side = "SELL" if agreement.proposer_side == "BUY" else "BUY"
        per_t = rules.buy_reserve_per_t(AGREEMENT, agreement.price_cents) if side == "BUY" else 0
        if side == "BUY":
            require_holding_room(uow, rules, counterparty, agreement.quantity)
        reserve_or_refuse(uow, counterparty.trading_account_id, side, agreement.vintage, agreement.quantity, per_t)
        buyer, seller = ((agreement.proposer_account_id, counterparty.trading_account_id) if side == "SELL"
                         else (counterparty.trading_account_id, agreement.proposer_account_id))
        trade = record_trade(uow, rules, mode=AGREEMENT, product_id=agreement.product_id, vintage=agreement.vintage,
                             price_cents=agreement.price_cents, quantity=agreement.quantity, buyer=buyer,
                             seller=seller, buyer_reserved_per_t=per_t or agreement.reserve_per_t_cents)
        agreement.status, agreement.decided_at, agreement.trade_id = "CONFIRMED", uow.now(), trade.trade_id
        uow.commit()
    return AgreementPublic.of(agreement)  # names its trade (trade_id)


def decline(member_id: str, agreement_id: str, uow: ExchangeUnitOfWork) -> AgreementPublic:
    """The counterparty declines, or the proposer withdraws: the proposer's reservation is released."""
    with uow:
        agreement = _pending(uow, agreement_id, today_only=False)
        parties = {uow.trading.account(a).member_id: a for a in
                   (agreement.proposer_account_id, agreement.counterparty_account_id)}
        if member_id not in parties:
            raise Forbidden("only the two parties' members may decline or withdraw", field="agreement_id",
                            article="M-23")
        release_leg(uow, agreement.proposer_account_id, agreement.proposer_side, agreement.vintage,
                    agreement.quantity, agreement.reserve_per_t_cents)
        agreement.status, agreement.decided_at = "DECLINED", uow.now()
        uow.audit("exchange.agreement.declined", f"agreement:{agreement_id}", {"by": member_id})
        uow.commit()
    return AgreementPublic.of(agreement)
